package io.reviewstream.schemas.s3;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class S3OutputPathTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "s3://b/x | must be 3 to 63 characters long",
            "s3://../x | must be 3 to 63 characters long",
            "s3://Bad_Bucket/x | may only contain lowercase letters",
            "s3://-bucket/x | must begin and end with a letter or digit",
            "s3://bucket-/x | must begin and end with a letter or digit",
            "s3://my..bucket/x | must not contain '..'",
            "s3://my.-bucket/x | must not contain '..'",
            "s3://169.254.169.254/x | must not be formatted as an IP address",
            "https://127.0.0.1/x | must not be formatted as an IP address",
            "s3://xn--bucket/x | reserved prefix 'xn--'",
            "s3://sthree-bucket/x | reserved prefix 'sthree-'",
            "s3://bucket-s3alias/x | reserved suffix '-s3alias'",
            "s3://bucket--ol-s3/x | reserved suffix '--ol-s3'",
            "s3://bucket.mrap/x | reserved suffix '.mrap'",
            "s3://reviewstream-output/../../../etc | must not have empty, '.' or '..' path segments",
            "s3://reviewstream-output/a/./b | must not have empty, '.' or '..' path segments",
            "s3://reviewstream-output/a/.. | must not have empty, '.' or '..' path segments",
            "s3://reviewstream-output//a | must not have empty, '.' or '..' path segments",
            "s3://reviewstream-output/a//b/ | must not have empty, '.' or '..' path segments",
            "ftp://reviewstream-output/a | must begin with s3:// or https://",
            "s3:/reviewstream-output/a | must begin with s3:// or https://",
            "s3:// | must be 3 to 63 characters long"})
    void pathsAnObjectStoreWouldRefuseOrThatLeaveTheirFolderAreRefusedSayingWhy(String path, String why) {
        assertThatThrownBy(() -> S3OutputPath.parse(path)).isInstanceOf(InvalidS3NameException.class)
                .hasMessageContaining(why);
    }

    @Test
    void bucketsOfMoreThan63CharactersAreRefused() {
        assertThatThrownBy(() -> S3OutputPath.parse("s3://" + "a".repeat(64) + "/x"))
                .hasMessageContaining("must be 3 to 63 characters long");
        assertThat(S3OutputPath.parse("s3://" + "a".repeat(63) + "/x").bucket()).hasSize(63);
    }

    @ParameterizedTest
    @ValueSource(strings = {"\u0000", "\n", "\u007f", "\ud800"})
    void keysWithControlCharactersOrBrokenUnicodeAreRefused(String bad) {
        assertThatThrownBy(() -> S3OutputPath.parse("s3://reviewstream-output/a" + bad + "b"))
                .isInstanceOf(InvalidS3NameException.class);
        assertThatThrownBy(() -> S3Names.checkKey("out/a" + bad + "b/output.json"))
                .isInstanceOf(InvalidS3NameException.class);
    }

    @Test
    void aPrefixLeavesRoomForTheLongestKeyWrittenBelowIt() {
        String longest = "p".repeat(S3Names.MAX_KEY_BYTES - S3OutputPath.LONGEST_SUFFIX_BYTES);
        assertThat(S3OutputPath.parse("s3://reviewstream-output/" + longest).prefix()).isEqualTo(longest);
        assertThatThrownBy(() -> S3OutputPath.parse("s3://reviewstream-output/" + longest + "p"))
                .hasMessageContaining("must be at most 862 bytes long in UTF-8");
        // counted in UTF-8 bytes, not characters
        String wide = "é".repeat(longest.length() / 2 + 1);
        assertThatThrownBy(() -> S3OutputPath.parse("s3://reviewstream-output/" + wide))
                .hasMessageContaining("bytes long in UTF-8");
    }

    @Test
    void aKeyIsAtMost1024BytesLong() {
        S3Names.checkKey("k".repeat(1024));
        assertThatThrownBy(() -> S3Names.checkKey("k".repeat(1025)))
                .hasMessageContaining("must be at most 1024 bytes long in UTF-8");
    }

    @ParameterizedTest
    @CsvSource({
            "s3://reviewstream-output/demo, reviewstream-output, demo",
            "s3://reviewstream-output/demo/, reviewstream-output, demo",
            "s3://reviewstream-output/deep/er//, reviewstream-output, deep/er",
            "s3://reviewstream-output, reviewstream-output, ''",
            "s3://reviewstream-output/, reviewstream-output, ''",
            "https://a2i-fd-demos-2020/a2i-results, a2i-fd-demos-2020, a2i-results",
            "s3://my.bucket.example/x.y/..z/…, my.bucket.example, x.y/..z/…",
            "s3://abc/x, abc, x"})
    void validPathsSplitIntoBucketAndPrefix(String path, String bucket, String prefix) {
        S3OutputPath parsed = S3OutputPath.parse(path);
        assertThat(parsed.bucket()).isEqualTo(bucket);
        assertThat(parsed.prefix()).isEqualTo(prefix);
    }

    @Test
    void controlCharactersInARefusedNameAreNotEchoed() {
        assertThatThrownBy(() -> S3OutputPath.parse("s3://bad\nbucket\r/x"))
                .hasMessage("Bucket name 'bad?bucket?' may only contain lowercase letters, digits, dots and hyphens, "
                        + "and must begin and end with a letter or digit");
    }

    @Test
    void hugeHostileValuesAreRefusedWithoutEchoingThemWhole() {
        String hostile = "s3://" + "a".repeat(1_000_000) + "/x";
        assertThatThrownBy(() -> S3OutputPath.parse(hostile)).satisfies(e ->
                assertThat(e.getMessage()).hasSizeLessThan(300));
        String slashes = "s3://reviewstream-output/" + "/".repeat(1_000_000) + "x";
        assertThatThrownBy(() -> S3OutputPath.parse(slashes)).satisfies(e ->
                assertThat(e.getMessage()).hasSizeLessThan(300));
    }
}
