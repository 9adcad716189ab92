package passrelay.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static passrelay.dispatch.ResumeMarksCodec.DEFAULT_MAX_CHARS;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ResumeMarksCodecTest {

    private final SplittableRandom random = new SplittableRandom(42);

    @Test
    void shouldRoundTripRandomFinishedSetsOfEveryDensity() {
        for (int round = 0; round < 2_000; round++) {
            long committed = random.nextInt(4) == 0 ? random.nextLong(100) : random.nextLong(1L << 50);
            FinishedOffsets finished = randomSet(committed, 1 + random.nextInt(2_000), random.nextDouble());
            ResumeMarks marks = new ResumeMarks(committed, finished, committed + random.nextLong(5_000));

            ResumeMarksCodec.Encoded encoded = ResumeMarksCodec.encode(marks, DEFAULT_MAX_CHARS);

            assertThat(encoded.finishedDropped()).isZero();
            assertThat(encoded.finishedKept()).isEqualTo(finished.count());
            assertThat(decode(committed, encoded.metadata())).isEqualTo(marks);
        }
    }

    @Test
    void shouldRoundTripLongRunsAndWideGapsInAFewBytes() {
        FinishedOffsets finished = FinishedOffsets.builder().add(1_001, 5_000_000).add(9_000_000, 9_000_001)
                .add(1L << 40, (1L << 40) + 123_456_789).build();
        ResumeMarks marks = new ResumeMarks(1_000, finished, 1L << 41);

        ResumeMarksCodec.Encoded encoded = ResumeMarksCodec.encode(marks, DEFAULT_MAX_CHARS);

        assertThat(encoded.metadata().length()).isLessThan(60);
        assertThat(decode(1_000, encoded.metadata())).isEqualTo(marks);
    }

    @Test
    void shouldRoundTripOffsetsNextToLongMaxValue() {
        long committed = Long.MAX_VALUE - 100;
        FinishedOffsets finished = FinishedOffsets.builder().add(committed + 2, committed + 50)
                .add(Long.MAX_VALUE - 3, Long.MAX_VALUE).build();
        for (FinishedOffsets set : new FinishedOffsets[] {finished, FinishedOffsets.of(Long.MAX_VALUE - 1)}) {
            ResumeMarks marks = new ResumeMarks(committed, set, Long.MAX_VALUE);
            assertThat(decode(committed, ResumeMarksCodec.encode(marks, DEFAULT_MAX_CHARS).metadata())).isEqualTo(marks);
        }
        ResumeMarks atTheEnd = ResumeMarks.none(Long.MAX_VALUE);
        assertThat(decode(Long.MAX_VALUE, ResumeMarksCodec.encode(atTheEnd, 64).metadata())).isEqualTo(atTheEnd);
    }

    @Test
    void shouldRoundTripMarksWithNothingFinished() {
        ResumeMarks marks = new ResumeMarks(77, FinishedOffsets.NONE, 90);

        String metadata = ResumeMarksCodec.encode(marks, DEFAULT_MAX_CHARS).metadata();

        assertThat(metadata).startsWith("passrelay:1:").hasSizeLessThan(30);
        assertThat(decode(77, metadata)).isEqualTo(marks);
    }

    @Test
    void shouldStayWithinTheLimitForEveryOtherOffsetFinishedOverAHugeRange() {
        FinishedOffsets.Builder alternating = FinishedOffsets.builder();
        for (long offset = 1_000_002; offset < 3_000_000; offset += 2) {
            alternating.add(offset, offset + 1);
        }
        FinishedOffsets finished = alternating.build();

        ResumeMarksCodec.Encoded encoded = ResumeMarksCodec.encode(new ResumeMarks(1_000_000, finished, 3_000_000),
                DEFAULT_MAX_CHARS);

        assertThat(encoded.metadata().length()).isLessThanOrEqualTo(DEFAULT_MAX_CHARS);
        assertThat(encoded.finishedKept()).isGreaterThan(11_000);
        assertThat(encoded.finishedKept() + encoded.finishedDropped()).isEqualTo(999_999);
        assertKeptPrefix(1_000_000, finished, encoded);
    }

    @Test
    void shouldKeepTheFinishedOffsetsClosestToTheCommittedOffsetWithinAnyLimit() {
        for (int round = 0; round < 1_000; round++) {
            long committed = random.nextLong(1L << 40);
            FinishedOffsets finished = randomSet(committed, 1 + random.nextInt(60_000), random.nextDouble());
            int maxChars = ResumeMarksCodec.MIN_MAX_CHARS + random.nextInt(5_000);

            ResumeMarksCodec.Encoded encoded =
                    ResumeMarksCodec.encode(new ResumeMarks(committed, finished, committed), maxChars);

            assertThat(encoded.metadata().length()).isLessThanOrEqualTo(maxChars);
            assertThat(encoded.metadata().chars().allMatch(c -> c > 0x20 && c < 0x7F)).isTrue();
            assertKeptPrefix(committed, finished, encoded);
        }
    }

    @Test
    void shouldFillTheLimitWithoutPassingIt() {
        FinishedOffsets alternating = randomSet(0, 200_000, 0.5);
        for (int maxChars = ResumeMarksCodec.MIN_MAX_CHARS; maxChars <= 300; maxChars++) {
            String metadata = ResumeMarksCodec.encode(new ResumeMarks(0, alternating, 0), maxChars).metadata();
            assertThat(metadata.length()).isBetween(maxChars - 4, maxChars);
        }
    }

    /** The figures the README quotes: finished offsets that fit in the default limit. */
    @Test
    void shouldHoldThousandsOfFragmentedFinishedOffsetsAndAnyContiguousRunInTheDefaultLimit() {
        long committed = 5_000_000;
        FinishedOffsets contiguous = FinishedOffsets.builder().add(committed + 1, committed + 1_000_000_000_000L).build();
        FinishedOffsets.Builder everyOther = FinishedOffsets.builder();
        for (long offset = committed + 2; offset < committed + 100_000; offset += 2) {
            everyOther.add(offset, offset + 1);
        }
        FinishedOffsets randomHalf = randomSet(committed, 100_000, 0.5);

        assertThat(kept(committed, contiguous)).isEqualTo(contiguous.count());
        assertThat(kept(committed, everyOther.build())).isEqualTo(11_924);
        assertThat(kept(committed, randomHalf)).isBetween(11_800L, 12_100L);
    }

    @Test
    void shouldRejectALimitTooSmallForTheHeader() {
        assertThatThrownBy(() -> ResumeMarksCodec.encode(ResumeMarks.NONE, 63))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("64");
    }

    @Test
    void shouldReadAbsentMetadataAsNoMarksWithoutComplaint() {
        for (String metadata : new String[] {null, ""}) {
            ResumeMarksCodec.Decoded decoded = ResumeMarksCodec.decode(12, metadata);
            assertThat(decoded.marks()).isEqualTo(ResumeMarks.none(12));
            assertThat(decoded.ignoredBecause()).isEmpty();
        }
    }

    @Test
    void shouldIgnoreForeignMetadataWithAReason() {
        assertIgnored(ResumeMarksCodec.decode(12, "{\"owner\":\"another-tool\"}"), "not passrelay's resume marks");
        assertIgnored(ResumeMarksCodec.decode(12, "AQAAAAAAAAAAAAA="), "not passrelay's resume marks");
        assertIgnored(ResumeMarksCodec.decode(12, "passrelay:2:AAAA"), "unknown format version");
        assertIgnored(ResumeMarksCodec.decode(12, "passrelay:1:not base64!"), "unreadable");
        assertIgnored(ResumeMarksCodec.decode(-1, "passrelay:1:AAAA"), "no committed offset");
        assertIgnored(ResumeMarksCodec.decode(12, "\u0000\u00e9" + "x".repeat(100)), "\"??xxxx");
    }

    @Test
    void shouldIgnoreMarksWrittenForAnotherCommittedOffset() {
        String metadata = encode(new ResumeMarks(100, FinishedOffsets.of(101, 103), 110));

        assertIgnored(ResumeMarksCodec.decode(101, metadata), "written for offset 100, committed offset is 101");
    }

    @Test
    void shouldIgnoreEveryTruncationOfValidMarks() {
        String metadata = encode(new ResumeMarks(100, randomSet(100, 3_000, 0.3), 2_000));
        for (int length = 1; length < metadata.length(); length++) {
            assertThat(ResumeMarksCodec.decode(100, metadata.substring(0, length)).ignoredBecause())
                    .as("cut to %d chars", length).isPresent();
        }
    }

    @Test
    void shouldIgnoreOrReadUnchangedEveryOneCharacterCorruption() {
        ResumeMarks marks = new ResumeMarks(100, randomSet(100, 500, 0.7), 300);
        String metadata = encode(marks);
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_=+/ ";
        for (int index = 0; index < metadata.length(); index++) {
            for (char replacement : alphabet.toCharArray()) {
                String corrupt = metadata.substring(0, index) + replacement + metadata.substring(index + 1);
                ResumeMarksCodec.Decoded decoded = ResumeMarksCodec.decode(100, corrupt);
                if (decoded.ignoredBecause().isEmpty()) {
                    assertThat(decoded.marks()).as("decoded %s", corrupt).isEqualTo(marks);
                }
            }
        }
    }

    @Test
    void shouldNeverThrowOnArbitraryMetadata() {
        int read = 0;
        for (int round = 0; round < 200_000; round++) {
            long committed = random.nextInt(3) == 0 ? Long.MAX_VALUE - random.nextInt(100) : random.nextLong(1L << 40);
            String metadata = switch (random.nextInt(3)) {
                case 0 -> randomText(random.nextInt(80), random.nextBoolean() ? 0x80 : 0x3000);
                case 1 -> ResumeMarksCodec.TAG + randomText(random.nextInt(60), 0x80);
                default -> randomPayloadWithValidChecksum(committed);
            };
            ResumeMarksCodec.Decoded decoded = ResumeMarksCodec.decode(committed, metadata);
            assertThat(decoded.marks()).isNotNull();
            read += decoded.ignoredBecause().isEmpty() ? 1 : 0;
        }
        assertThat(read).as("random payloads that got past the checksum and parsed").isGreaterThan(1_000);
    }

    /** Well-formed up to the header, random after it, with a checksum that matches: only the parser stands guard. */
    private String randomPayloadWithValidChecksum(long committed) {
        MarkBytes.Writer payload = new MarkBytes.Writer(400);
        payload.varint(random.nextInt(10) == 0 ? random.nextInt(256) : random.nextInt(2));
        payload.varint(random.nextInt(10) == 0 ? random.nextLong(Long.MAX_VALUE) : committed);
        payload.varint(random.nextBoolean() ? random.nextLong(Long.MAX_VALUE) : random.nextInt(300));
        for (int bytes = random.nextInt(40); bytes > 0; bytes--) {
            payload.varint(random.nextInt(4) == 0 ? random.nextLong(Long.MAX_VALUE) : random.nextInt(1, 128));
        }
        byte[] content = payload.toBytes();
        java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
        crc.update(content);
        byte[] withChecksum = java.nio.ByteBuffer.allocate(content.length + 4).put(content).putInt((int) crc.getValue())
                .array();
        return ResumeMarksCodec.TAG + java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(withChecksum);
    }

    private String randomText(int length, int maxChar) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < length; i++) {
            text.append((char) random.nextInt(maxChar));
        }
        return text.toString();
    }

    /** Every offset after {@code committed} up to {@code span} later, each finished with probability {@code density}. */
    private FinishedOffsets randomSet(long committed, int span, double density) {
        FinishedOffsets.Builder finished = FinishedOffsets.builder();
        for (long offset = committed + 1; offset <= committed + span; offset++) {
            if (random.nextDouble() < density) {
                finished.add(offset, offset + 1);
            }
        }
        return finished.build();
    }

    private static long kept(long committed, FinishedOffsets finished) {
        return ResumeMarksCodec.encode(new ResumeMarks(committed, finished, committed), DEFAULT_MAX_CHARS).finishedKept();
    }

    /** What was kept reads back as exactly the finished offsets below some cut, and the drop count is exact. */
    private static void assertKeptPrefix(long committed, FinishedOffsets finished, ResumeMarksCodec.Encoded encoded) {
        FinishedOffsets kept = decode(committed, encoded.metadata()).finished();
        long cut = kept.isEmpty() ? committed + 1 : kept.end(kept.rangeCount() - 1);
        FinishedOffsets.Builder below = FinishedOffsets.builder();
        for (int range = 0; range < finished.rangeCount() && finished.start(range) < cut; range++) {
            below.add(finished.start(range), Math.min(cut, finished.end(range)));
        }
        assertThat(kept).isEqualTo(below.build());
        assertThat(kept.count()).isEqualTo(encoded.finishedKept());
        assertThat(encoded.finishedDropped()).isEqualTo(finished.count() - kept.count());
    }

    private static String encode(ResumeMarks marks) {
        return ResumeMarksCodec.encode(marks, DEFAULT_MAX_CHARS).metadata();
    }

    private static ResumeMarks decode(long committed, String metadata) {
        ResumeMarksCodec.Decoded decoded = ResumeMarksCodec.decode(committed, metadata);
        assertThat(decoded.ignoredBecause()).isEmpty();
        return decoded.marks();
    }

    private static void assertIgnored(ResumeMarksCodec.Decoded decoded, String reason) {
        assertThat(decoded.ignoredBecause()).hasValueSatisfying(because -> assertThat(because).contains(reason));
        assertThat(decoded.marks().finished()).isEqualTo(FinishedOffsets.NONE);
    }
}
