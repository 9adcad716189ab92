package passrelay.simulator;

import java.security.KeyPair;
import passrelay.alipay.PemKeys;
import passrelay.alipay.SignatureAlgorithm;

/** Key pairs made once per test JVM: generating RSA keys is slow. */
final class TestKeys {
    static final KeyPair CLIENT_RSA = PemKeys.generate(SignatureAlgorithm.RSA256);
    static final KeyPair SIMULATOR_RSA = PemKeys.generate(SignatureAlgorithm.RSA256);
    static final KeyPair STRANGER_RSA = PemKeys.generate(SignatureAlgorithm.RSA256);
    static final KeyPair CLIENT_EC = PemKeys.generate(SignatureAlgorithm.ECC224);
    static final KeyPair SIMULATOR_EC = PemKeys.generate(SignatureAlgorithm.ECC224);

    private TestKeys() {
    }
}
