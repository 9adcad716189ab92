package passrelay.ops;

/** The version of the running build, as the jar's manifest states it. */
public final class BuildVersion {
    private BuildVersion() {
    }

    /** The manifest's {@code Implementation-Version}, or {@code dev} when run from classes (an IDE, the tests). */
    public static String current() {
        String version = BuildVersion.class.getPackage().getImplementationVersion();
        return version == null || version.isBlank() ? "dev" : version;
    }
}
