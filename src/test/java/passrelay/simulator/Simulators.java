package passrelay.simulator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import passrelay.alipay.SignatureAlgorithm;

/** The usual test set-up: RSA256 keys on both sides, requests verified, answers signed. */
final class Simulators {
    static final String CLIENT_ID = "2022091917270400000";

    private Simulators() {
    }

    static SimulatorOptions.Builder rsa() {
        return SimulatorOptions.builder()
                .clientId(CLIENT_ID)
                .clientPublicKey(TestKeys.CLIENT_RSA.getPublic())
                .privateKey(TestKeys.SIMULATOR_RSA.getPrivate());
    }

    /** A correctly signed request carrying {@code update}. */
    static RawRequest request(Simulator simulator, ObjectNode update) {
        return request(simulator, update.toString());
    }

    static RawRequest request(Simulator simulator, String body) {
        return new RawRequest(simulator.baseUrl(), CLIENT_ID, SignatureAlgorithm.RSA256,
                TestKeys.CLIENT_RSA.getPrivate(), body);
    }
}
