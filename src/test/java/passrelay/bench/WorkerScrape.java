package passrelay.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/** One scrape of a worker's {@code /metrics} (Prometheus text): each series' value, and sums per metric name. */
record WorkerScrape(Map<String, Double> series) {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    static WorkerScrape of(int port) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
                .timeout(Duration.ofSeconds(5)).build();
        try {
            return parse(HTTP.send(request, HttpResponse.BodyHandlers.ofString()).body());
        } catch (IOException e) {
            throw new IllegalStateException("cannot scrape the worker's /metrics on port " + port + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    static WorkerScrape parse(String text) {
        Map<String, Double> series = new HashMap<>();
        for (String line : text.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int space = line.lastIndexOf(' ');
            series.put(line.substring(0, space), Double.parseDouble(line.substring(space + 1)));
        }
        return new WorkerScrape(series);
    }

    /** The sum over every series of {@code name}, whatever its labels; 0 when there is none. */
    double sum(String name) {
        return series.entrySet().stream()
                .filter(e -> e.getKey().equals(name) || e.getKey().startsWith(name + "{"))
                .mapToDouble(Map.Entry::getValue).sum();
    }

    /** The series {@code name} with {@code label="value"} among its labels, summed; 0 when there is none. */
    double sum(String name, String label, String value) {
        String wanted = label + "=\"" + value + "\"";
        return series.entrySet().stream()
                .filter(e -> e.getKey().startsWith(name + "{") && e.getKey().contains(wanted))
                .mapToDouble(Map.Entry::getValue).sum();
    }
}
