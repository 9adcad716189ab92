package passrelay;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import passrelay.alipay.CallOutcome;
import passrelay.alipay.Exchange;
import passrelay.alipay.HttpUpdatePassClient;
import passrelay.alipay.KeyFileException;
import passrelay.alipay.ReceivedResponse;
import passrelay.alipay.ResponseContent;
import passrelay.config.AlipaySettings;
import passrelay.config.ConfigException;
import passrelay.config.SettingsReader;
import passrelay.event.Json;
import passrelay.event.ParseFailure;
import passrelay.event.UpdateRules;

/**
 * {@code passrelay call [--config FILE] FILE|-}: sends one update straight to AlipayHK and shows the whole
 * exchange — the operator's check of keys and connectivity. Exit 0 on S, 1 on F or U, 2 on bad input.
 */
public final class CallCommand {
    static final int SUCCESS = 0;
    static final int NOT_SUCCESS = 1;
    static final int BAD_INPUT = 2;
    private static final String USAGE = """
            usage: passrelay call [--config FILE] FILE|-

            Sends one update to AlipayHK's updatePass with the configured keys (no Kafka) and prints the
            request headers (signature shortened), the response, its verification and its class
            (S / F / our-fault F / U). FILE is an event ({"eventId":..,"update":{..}}) or a bare update;
            '-' reads standard input.

            Options:
              --config FILE   settings as a properties file, under the environment
              --help          this text

            Settings: ALIPAYHK_* environment variables (see the README).
            Exit status: 0 on S, 1 on F or U, 2 on bad input or settings.""";

    private CallCommand() {
    }

    public static int run(String[] args, InputStream in, PrintStream out, PrintStream err, Map<String, String> env) {
        if (Arrays.asList(args).contains("--help") || Arrays.asList(args).contains("-h")) {
            out.println(USAGE);
            return SUCCESS;
        }
        try {
            Options options = Options.parse(args);
            ObjectNode read = readUpdate(options.input(), in);
            AlipaySettings settings = readSettings(env, options.configFile());
            ObjectNode update = checked(read, options.input(), settings.defaultMerchantId());
            try (HttpUpdatePassClient client = HttpUpdatePassClient.create(settings, Clock.systemDefaultZone())) {
                Exchange exchange = client.exchange(update).join();
                new ExchangePrinter(out).print(exchange);
                return exchange.outcome() instanceof CallOutcome.Success ? SUCCESS : NOT_SUCCESS;
            }
        } catch (BadUsage e) {
            err.println("passrelay call: " + e.getMessage());
            err.println(USAGE);
            return BAD_INPUT;
        } catch (ConfigException | KeyFileException | BadInput e) {
            err.println("passrelay call: " + e.getMessage());
            return BAD_INPUT;
        }
    }

    private record Options(Optional<Path> configFile, String input) {
        static Options parse(String[] args) {
            Optional<Path> configFile = Optional.empty();
            String input = null;
            for (int i = 0; i < args.length; i++) {
                if (args[i].equals("--config") && i + 1 < args.length) {
                    configFile = Optional.of(Path.of(args[++i]));
                } else if ((args[i].equals("-") || !args[i].startsWith("-")) && input == null) {
                    input = args[i];
                } else {
                    throw new BadUsage("unexpected argument '" + args[i] + "'");
                }
            }
            if (input == null) {
                throw new BadUsage("FILE (or - for standard input) is required");
            }
            return new Options(configFile, input);
        }
    }

    private static AlipaySettings readSettings(Map<String, String> env, Optional<Path> configFile) {
        SettingsReader reader = SettingsReader.fromEnvironment(env, configFile);
        AlipaySettings settings = AlipaySettings.read(reader);
        reader.throwIfProblems();
        return settings;
    }

    /** The update to send: the event's {@code update}, or the whole object. */
    private static ObjectNode readUpdate(String input, InputStream in) {
        String name = input.equals("-") ? "standard input" : input;
        JsonNode root;
        try {
            root = Json.mapper().readTree(read(input, name, in));
        } catch (JsonProcessingException e) {
            throw new BadInput(ParseFailure.describe(name, e));
        } catch (IOException e) {
            throw new BadInput("cannot read " + name + ": " + e.getMessage());
        }
        if (root == null || root.isMissingNode()) {
            throw new BadInput(name + " is empty");
        }
        if (!root.isObject()) {
            throw new BadInput(name + " is not a JSON object");
        }
        JsonNode update = root.has("update") ? root.get("update") : root;
        if (!update.isObject()) {
            throw new BadInput(name + ": update must be a JSON object");
        }
        return (ObjectNode) update;
    }

    /** Reads the input; a file that cannot be read is one plain reason, not an exception's class name. */
    private static byte[] read(String input, String name, InputStream in) throws IOException {
        if (input.equals("-")) {
            return in.readAllBytes();
        }
        Path file = Path.of(input);
        try {
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new BadInput("cannot read " + name + ": no such file");
        } catch (AccessDeniedException e) {
            throw new BadInput("cannot read " + name + ": permission denied");
        } catch (IOException e) {
            throw new BadInput("cannot read " + name + ": " + (Files.isDirectory(file) ? "it is a directory"
                    : String.valueOf(e.getMessage())));
        }
    }

    /** The merchantId defaulted from the settings, then the field rules of SPEC section 2. */
    private static ObjectNode checked(ObjectNode update, String input, Optional<String> defaultMerchantId) {
        if (!update.hasNonNull("merchantId")) {
            defaultMerchantId.ifPresent(merchantId -> update.put("merchantId", merchantId));
        }
        UpdateRules.check(update).ifPresent(problem -> {
            throw new BadInput((input.equals("-") ? "standard input" : input) + ": invalid update: " + problem);
        });
        return update;
    }

    /** Bad input from the operator: reported in one line, exit 2. */
    private static class BadInput extends RuntimeException {
        BadInput(String message) {
            super(message);
        }
    }

    /** Bad arguments: reported with the usage, exit 2. */
    private static final class BadUsage extends BadInput {
        BadUsage(String message) {
            super(message);
        }
    }

    /** Prints an exchange for a person: request, response, verification, class. */
    private record ExchangePrinter(PrintStream out) {
        private static final List<String> SHORTENED = List.of("signature=", "symmetricKey=");

        void print(Exchange exchange) {
            exchange.request().ifPresent(request -> {
                out.println("> POST " + request.uri());
                request.headers().forEach((name, value) -> out.println("> " + name + ": " + shorten(value)));
                out.println(">");
                out.println("> " + new String(request.body(), StandardCharsets.UTF_8));
                out.println();
            });
            exchange.response().ifPresentOrElse(this::printResponse, () -> out.println("no response"));
            CallOutcome outcome = exchange.outcome();
            out.println("class: " + outcome.outcomeClass() + " " + outcome.resultCode() + " " + outcome.resultMessage());
            if (outcome instanceof CallOutcome.Unknown unknown) {
                unknown.error().ifPresent(error -> out.println("error: " + error));
            }
        }

        private void printResponse(ReceivedResponse response) {
            out.println("< HTTP " + response.status());
            response.headers().map().forEach((name, values) ->
                    values.forEach(value -> out.println("< " + name + ": " + shorten(value))));
            out.println("<");
            out.println("< " + new String(response.body(), StandardCharsets.UTF_8));
            response.decryptedBody().ifPresent(plain -> out.println("decrypted: " + plain));
            out.println();
            out.println("verification: " + verification(response));
        }

        private static String verification(ReceivedResponse response) {
            return switch (response.trust()) {
                case VERIFIED -> "verified";
                case NOT_CHECKED -> "not checked (no ALIPAYHK_PUBLIC_KEY_FILE)";
                case FAILED -> "FAILED (" + ((ResponseContent.Untrusted) response.content()).reason() + ")";
            };
        }

        /** Long Base64 values are noise on a terminal: keep the first 12 characters. */
        private static String shorten(String headerValue) {
            StringBuilder shortened = new StringBuilder();
            for (String part : headerValue.split(",", -1)) {
                String prefix = SHORTENED.stream().filter(part::startsWith).findFirst().orElse(null);
                String value = prefix == null ? part : part.substring(prefix.length());
                shortened.append(shortened.length() == 0 ? "" : ",").append(prefix == null || value.length() <= 12
                        ? part : prefix + value.substring(0, 12) + "...");
            }
            return shortened.toString();
        }
    }
}
