package passrelay.alipay;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CompletionThreadsTest {
    private final String before = System.getProperty(CompletionThreads.PARALLELISM);

    @AfterEach
    void restore() {
        if (before == null) {
            System.clearProperty(CompletionThreads.PARALLELISM);
        } else {
            System.setProperty(CompletionThreads.PARALLELISM, before);
        }
    }

    @Test
    void shouldAskForACommonPoolOfAtLeastTwoThreadsSoThatAnswersDoNotEachStartAThread() {
        System.clearProperty(CompletionThreads.PARALLELISM);

        CompletionThreads.useAPool();

        assertThat(Integer.parseInt(System.getProperty(CompletionThreads.PARALLELISM))).isGreaterThanOrEqualTo(2);
    }

    @Test
    void shouldLeaveAnOperatorsOwnSettingAlone() {
        System.setProperty(CompletionThreads.PARALLELISM, "7");

        CompletionThreads.useAPool();

        assertThat(System.getProperty(CompletionThreads.PARALLELISM)).isEqualTo("7");
    }
}
