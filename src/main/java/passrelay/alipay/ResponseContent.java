package passrelay.alipay;

/** What a response body came to once its signature was checked and it was decrypted and parsed. */
public sealed interface ResponseContent {

    /** A result AlipayHK stands behind (or verification is not configured). */
    record Result(ResultInfo info) implements ResponseContent {
    }

    /** Trusted (or unchecked) bytes that are not a result. */
    record Unparseable(String reason) implements ResponseContent {
    }

    /** A signature that is missing or wrong, or an encrypted body that does not open: its content is not used. */
    record Untrusted(String reason) implements ResponseContent {
    }
}
