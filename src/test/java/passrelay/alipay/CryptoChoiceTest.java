package passrelay.alipay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.Security;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import passrelay.config.ConfigException;

class CryptoChoiceTest {
    private static final NativeCrypto.Availability NO_LIBRARY =
            new NativeCrypto.Availability.Unavailable("UnsatisfiedLinkError: no library for this platform");

    @Test
    @EnabledOnOs(OS.LINUX)
    @EnabledIfSystemProperty(named = "os.arch", matches = "amd64|x86_64")
    void autoShouldPickNativeOnLinuxX86_64() {
        CryptoChoice choice = CryptoChoice.decide(CryptoPreference.AUTO);

        assertThat(choice.isNative()).isTrue();
        assertThat(choice.label()).isEqualTo("native");
        assertThat(choice.startupLine()).startsWith("signing: native (AWS-LC v").contains("via ACCP 2.5.0)");
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    @EnabledIfSystemProperty(named = "os.arch", matches = "amd64|x86_64")
    void nativeShouldStartWhereTheLibraryLoads() {
        assertThat(CryptoChoice.decide(CryptoPreference.NATIVE).label()).isEqualTo("native");
    }

    @Test
    void jdkShouldPickTheJdkWithoutEvenLoadingNative() {
        CryptoChoice choice = CryptoChoice.decide(CryptoPreference.JDK, () -> {
            throw new AssertionError("native crypto was probed");
        });

        assertThat(choice.isNative()).isFalse();
        assertThat(choice.label()).isEqualTo("jdk");
        assertThat(choice.startupLine()).isEqualTo("signing: JDK (PASSRELAY_CRYPTO=jdk)");
    }

    @Test
    void autoShouldFallBackToTheJdkAndSayWhy() {
        CryptoChoice choice = CryptoChoice.decide(CryptoPreference.AUTO, () -> NO_LIBRARY);

        assertThat(choice.label()).isEqualTo("jdk");
        assertThat(choice.startupLine()).isEqualTo(
                "signing: JDK (native unavailable: UnsatisfiedLinkError: no library for this platform)");
    }

    @Test
    void nativeShouldStopStartUpNamingTheSettingWhenUnavailable() {
        assertThatThrownBy(() -> CryptoChoice.decide(CryptoPreference.NATIVE, () -> NO_LIBRARY))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("PASSRELAY_CRYPTO=native, but native crypto is unavailable: UnsatisfiedLinkError");
    }

    @Test
    void shouldNeverInstallTheNativeProviderForTheWholeJvm() {
        CryptoChoice.decide(CryptoPreference.AUTO);

        assertThat(Security.getProviders()).noneMatch(provider -> provider.getName().contains("Corretto"));
    }
}
