package io.reviewstream.flowservice.api;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** NextTokens are checked before they are used: one a caller made up is a ValidationException, never a failure. */
class PageTest {

    static final String QUERY = "names";

    @Test
    void aHandedOutTokenContinuesTheListing() {
        List<String> names = List.of("a", "b", "c");
        Page<String> first = Page.of(names, name -> new Page.Position(0, name), new Shapes.Paging(null, 2, false),
                QUERY);
        assertThat(first.items()).containsExactly("a", "b");
        assertThat(Page.of(names, name -> new Page.Position(0, name),
                new Shapes.Paging(first.nextToken(), 2, false), QUERY).items()).containsExactly("c");
    }

    /** The token names the query it continues, which a caller can work out: its position is all it controls. */
    @Test
    void aPositionTooLargeForALongIsInvalid() {
        String fingerprint = Integer.toHexString((QUERY + " asc").hashCode());
        for (String position : List.of("9999999999999999999", "-9999999999999999999", "99999999999999999999", "")) {
            String token = Base64.getUrlEncoder().withoutPadding().encodeToString((position + ":" + fingerprint
                    + ":a").getBytes(StandardCharsets.UTF_8));
            assertThatThrownBy(() -> Page.of(List.of("a"), name -> new Page.Position(0, name),
                    new Shapes.Paging(token, 2, false), QUERY))
                    .isInstanceOfSatisfying(ApiException.class, e -> {
                        assertThat(e.error()).isEqualTo(ApiError.VALIDATION);
                        assertThat(e.getMessage()).isEqualTo("Invalid NextToken");
                    });
        }
    }
}
