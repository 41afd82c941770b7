package dev.tandem.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DocumentIdTest {

    @Test
    void takesLettersDigitsDashesAndUnderscoresUpTo64() {
        for (String id : List.of("a", "team-notes_2", "Z".repeat(64))) {
            assertEquals(Optional.of(new DocumentId(id)), DocumentId.parse(id));
            assertEquals(id, new DocumentId(id).toString());
        }
    }

    @Test
    void refusesAnythingElse() {
        for (String id : Arrays.asList("", "a/b", "x".repeat(65), "<script>", "a.b", "é", " a", null)) {
            assertEquals(Optional.empty(), DocumentId.parse(id), String.valueOf(id));
            assertEquals(DocumentId.RULE_TEXT, assertThrows(IllegalArgumentException.class, () -> new DocumentId(id)).getMessage());
        }
    }
}
