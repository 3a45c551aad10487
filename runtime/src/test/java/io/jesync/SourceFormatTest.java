package io.jesync;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The rules of {@code .editorconfig}, checked in the build so a file an editor without EditorConfig wrote does not
 * slip in: UTF-8, LF line ends, no tabs, no trailing whitespace (Markdown may end a line with two spaces), a final
 * newline (golden JSON fixtures excepted) and Java lines of at most 160 characters.
 */
class SourceFormatTest {
    private static final Set<String> TEXT = Set.of("java", "sql", "properties", "xml", "json", "yaml", "yml", "md",
            "html", "css", "js", "txt", "editorconfig");
    private static final int JAVA_LINE_LIMIT = 160;

    @Test
    void every_source_file_follows_the_editorconfig_rules() throws IOException {
        List<String> problems = new ArrayList<>();
        for (Path file : files()) {
            check(file, problems);
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void the_check_sees_each_kind_of_problem() {
        List<String> problems = new ArrayList<>();
        check(Path.of("x/Bad.java"), "class Bad {\r\n\tint x; \n" + "y".repeat(161), problems);
        assertThat(problems).hasSize(5);
    }

    private static List<Path> files() throws IOException {
        List<Path> files = new ArrayList<>(List.of(Path.of("pom.xml"), Path.of("runtime/pom.xml"),
                Path.of("simulators/pom.xml"), Path.of("README.md"), Path.of(".editorconfig"), Path.of("application.properties")));
        for (String root : List.of("runtime/src", "simulators/src", "docs", "routes", "docker")) {
            if (Files.isDirectory(Path.of(root))) {
                try (Stream<Path> walk = Files.walk(Path.of(root))) {
                    walk.filter(Files::isRegularFile).filter(f -> TEXT.contains(extension(f))).forEach(files::add);
                }
            }
        }
        return files;
    }

    private static void check(Path file, List<String> problems) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            problems.add(file + ": not UTF-8");
            return;
        }
        check(file, text, problems);
    }

    private static void check(Path file, String text, List<String> problems) {
        String extension = extension(file);
        boolean fixture = extension.equals("json") && (file.startsWith(Path.of("runtime", "src", "test", "resources"))
                || file.startsWith(Path.of("simulators", "src", "test", "resources")));
        if (text.indexOf('\r') >= 0) {
            problems.add(file + ": CR line ends (use LF)");
        }
        if (!text.isEmpty() && !text.endsWith("\n") && !fixture) {
            problems.add(file + ": no newline at the end");
        }
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].replace("\r", "");
            String where = file + ":" + (i + 1);
            if (line.indexOf('\t') >= 0) {
                problems.add(where + ": tab");
            }
            if (!extension.equals("md") && !line.isEmpty() && Character.isWhitespace(line.charAt(line.length() - 1))) {
                problems.add(where + ": trailing whitespace");
            }
            if (extension.equals("java") && line.length() > JAVA_LINE_LIMIT) {
                problems.add(where + ": " + line.length() + " characters (at most " + JAVA_LINE_LIMIT + ")");
            }
        }
    }

    private static String extension(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot < 0 ? name : name.substring(dot + 1);
    }
}
