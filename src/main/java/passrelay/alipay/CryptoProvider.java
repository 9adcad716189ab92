package passrelay.alipay;

import java.security.Provider;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

/** One Bouncy Castle provider instance, used explicitly (never installed globally). */
final class CryptoProvider {
    private static final Provider BOUNCY_CASTLE = new BouncyCastleProvider();

    private CryptoProvider() {
    }

    static Provider bouncyCastle() {
        return BOUNCY_CASTLE;
    }
}
