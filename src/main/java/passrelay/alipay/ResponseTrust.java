package passrelay.alipay;

/** Whether a response's signature was checked, and how that went. */
public enum ResponseTrust {
    VERIFIED,
    /** {@code ALIPAYHK_PUBLIC_KEY_FILE} is not set, so there is nothing to verify with. */
    NOT_CHECKED,
    /** Missing, unparseable or wrong signature. */
    FAILED
}
