package dev.gn4j.engine.data;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;

/**
 * The records of CSV text, one String[] each with the line it starts on, through
 * jackson-dataformat-csv (RFC 4180: quoted delimiters, doubled quotes, line breaks inside
 * quotes; the header is one line). Blank lines are skipped; a malformed record is a {@link DataException} naming
 * the source and line.
 */
final class CsvRecords implements Closeable {
    private static final CsvMapper MAPPER = new CsvMapper();

    private final CsvParser parser;
    private final String source;
    /** The lines before the parser's first: its line n is the text's line n + lineOffset. */
    private final int lineOffset;
    private final List<String> fields = new ArrayList<>();
    private final String[] header;
    private int line;

    private CsvRecords(Reader in, String source, char delimiter, int lineOffset, String[] header) throws IOException {
        this.source = source;
        this.lineOffset = lineOffset;
        this.header = header;
        this.parser = (CsvParser) MAPPER.getFactory().createParser(in);
        parser.setSchema(CsvSchema.emptySchema().withColumnSeparator(delimiter));
    }

    /**
     * Records of {@code in}: the header is its first line that is not blank (a leading
     * byte-order mark dropped), split by the given delimiter or (0) by the one of comma, tab
     * and semicolon that splits it into the most fields.
     */
    static CsvRecords open(BufferedReader in, String source, char delimiter) throws IOException {
        int before = 0;
        String first = in.readLine();
        while (first != null && first.isBlank()) {
            first = in.readLine();
            before++;
        }
        if (first == null) {
            return new CsvRecords(Reader.nullReader(), source, ',', 0, null);
        }
        if (first.startsWith("\uFEFF")) {
            first = first.substring(1);
        }
        char chosen = delimiter != 0 ? delimiter : likelyDelimiter(first, source, before + 1);
        String[] header = fieldsOf(first, source, chosen, before + 1);
        return new CsvRecords(in, source, chosen, before + 1, header);
    }

    private static String[] fieldsOf(String line, String source, char delimiter, int lineNo) throws IOException {
        try (CsvRecords r = new CsvRecords(new StringReader(line), source, delimiter, lineNo - 1, null)) {
            String[] fields = r.next();
            return fields == null ? new String[] {""} : fields;
        }
    }

    private static char likelyDelimiter(String headerLine, String source, int lineNo) throws IOException {
        char best = ',';
        int most = 0;
        for (char c : new char[] {',', '\t', ';'}) {
            try {
                int count = fieldsOf(headerLine, source, c, lineNo).length;
                if (count > most) {
                    most = count;
                    best = c;
                }
            } catch (DataException e) {
                // A header this delimiter cannot parse (a quote mid-field, an open quote) is not split by it.
            }
        }
        return best;
    }

    /** The header's fields, or null when the text has no line that is not blank. */
    String[] header() {
        return header;
    }

    /** The next record's fields, or null at the end of the text. */
    String[] next() throws IOException {
        try {
            while (true) {
                JsonToken t = parser.nextToken();
                if (t == null) {
                    return null;
                }
                if (t != JsonToken.START_ARRAY) {
                    continue;
                }
                line = parser.currentLocation().getLineNr() + lineOffset;
                fields.clear();
                while ((t = parser.nextToken()) == JsonToken.VALUE_STRING) {
                    fields.add(parser.getText());
                }
                if (fields.size() > 1 || fields.size() == 1 && !fields.get(0).isBlank()) {
                    return fields.toArray(String[]::new);
                }
            }
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String message = e.getOriginalMessage();
            if (message.startsWith("Missing closing quote")) {
                throw new DataException(source + " line " + line + " has an unterminated quoted field", e);
            }
            throw new DataException(source + " line " + (at == null ? line : at.getLineNr() + lineOffset) + ": " + message.strip(), e);
        }
    }

    /** The line the last record returned by {@link #next} starts on. */
    int line() {
        return line;
    }

    @Override
    public void close() throws IOException {
        parser.close();
    }
}
