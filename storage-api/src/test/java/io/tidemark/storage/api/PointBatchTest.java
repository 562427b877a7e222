package io.tidemark.storage.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tidemark.common.FieldType;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PointBatchTest {
    private static final long SEED = Long.getLong("tests.seed", System.nanoTime());

    record Field(String name, FieldType type, long bits, String string) {
    }

    record Point(String key, int measurementLength, long ts, List<Field> fields) {
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static void add(PointBatchBuilder b, Point p) {
        byte[] key = utf8(p.key);
        b.beginPoint(key, 0, key.length, p.measurementLength, p.ts);
        for (Field f : p.fields) {
            byte[] n = utf8(f.name);
            switch (f.type) {
                case FLOAT -> b.addFloat(n, 0, n.length, Double.longBitsToDouble(f.bits));
                case INTEGER -> b.addInteger(n, 0, n.length, f.bits);
                case UNSIGNED -> b.addUnsigned(n, 0, n.length, f.bits);
                case BOOLEAN -> b.addBoolean(n, 0, n.length, f.bits != 0);
                case STRING -> {
                    byte[] v = utf8(f.string);
                    b.addString(n, 0, n.length, v, 0, v.length);
                }
            }
        }
        b.endPoint();
    }

    private static List<Point> decode(PointBatch batch) {
        List<Point> out = new ArrayList<>();
        PointBatchReader r = new PointBatchReader().of(batch);
        while (r.nextPoint()) {
            List<Field> fields = new ArrayList<>();
            int count = r.fieldCount();
            while (r.nextField()) {
                FieldType t = r.fieldType();
                fields.add(new Field(r.fieldName(), t, t == FieldType.STRING ? 0 : r.rawBits(),
                        t == FieldType.STRING ? r.stringValue() : null));
            }
            assertThat(fields).hasSize(count);
            out.add(new Point(r.seriesKey(), r.measurementLength(), r.timestamp(), fields));
        }
        return out;
    }

    private static List<Point> randomPoints(Random rnd, int n) {
        String[] keys = new String[1 + rnd.nextInt(20)];
        int[] mlen = new int[keys.length];
        for (int i = 0; i < keys.length; i++) {
            String m = "m" + rnd.nextInt(3) + (rnd.nextBoolean() ? "\\ x" : "");
            keys[i] = m + ",host=h" + i + (rnd.nextBoolean() ? ",région=é" + rnd.nextInt(100) : "");
            mlen[i] = utf8(m).length;
        }
        String[] names = new String[1 + rnd.nextInt(30)];
        for (int i = 0; i < names.length; i++) {
            names[i] = "f" + i + "x".repeat(rnd.nextInt(40));
        }
        List<Point> points = new ArrayList<>();
        long ts = rnd.nextLong();
        for (int i = 0; i < n; i++) {
            int k = rnd.nextInt(keys.length);
            ts = switch (rnd.nextInt(4)) {
                case 0 -> rnd.nextLong();
                case 1 -> ts;
                default -> ts + rnd.nextInt(1_000_000) - 1000;
            };
            List<Field> fields = new ArrayList<>();
            int nf = 1 + (rnd.nextInt(10) == 0 ? rnd.nextInt(200) : rnd.nextInt(12));
            for (int j = 0; j < nf; j++) {
                FieldType t = FieldType.values()[rnd.nextInt(FieldType.values().length)];
                String name = names[rnd.nextInt(names.length)];
                long bits = switch (t) {
                    case FLOAT -> Double.doubleToRawLongBits(rnd.nextBoolean() ? rnd.nextGaussian() * 1e6 : Double.NaN);
                    case INTEGER, UNSIGNED -> rnd.nextBoolean() ? rnd.nextLong() : rnd.nextInt(200) - 100;
                    case BOOLEAN -> rnd.nextInt(2);
                    case STRING -> 0;
                };
                String s = t == FieldType.STRING ? "v\"" + "é".repeat(rnd.nextInt(5)) + rnd.nextInt() : null;
                fields.add(new Field(name, t, bits, s));
            }
            points.add(new Point(keys[k], mlen[k], ts, fields));
        }
        return points;
    }

    @Test
    void randomBatchesRoundTrip() throws Exception {
        Random rnd = new Random(SEED);
        PointBatchBuilder builder = new PointBatchBuilder();
        for (int round = 0; round < 200; round++) {
            List<Point> points = randomPoints(rnd, rnd.nextInt(300));
            builder.reset();
            points.forEach(p -> add(builder, p));
            PointBatch batch = builder.build();
            assertThat(batch.pointCount()).as("seed %d", SEED).isEqualTo(points.size());
            assertThat(batch.sizeBytes()).isEqualTo(builder.sizeBytes());
            assertThat(decode(batch)).as("seed %d round %d", SEED, round).isEqualTo(points);

            byte[] framed = new byte[batch.sizeBytes() + 7];
            System.arraycopy(batch.toByteArray(), 0, framed, 3, batch.sizeBytes());
            PointBatch parsed = PointBatch.parse(framed, 3, batch.sizeBytes());
            assertThat(parsed).isEqualTo(batch);
            assertThat(parsed.pointCount()).isEqualTo(points.size());
        }
    }

    @Test
    void pointsRepeatingTheirFieldNamesInOrderOrNotRoundTrip() throws Exception {
        // Names of one length, names that are prefixes of others, and mostly one order: the builder's shortcut for
        // a name seen at the same position in an earlier point must check the name, and forget it at a reset.
        Random rnd = new Random(SEED);
        String[] names = {"fa", "fb", "f", "fab", "usage_user", "usage_usex"};
        PointBatchBuilder builder = new PointBatchBuilder();
        for (int round = 0; round < 100; round++) {
            List<Point> points = new ArrayList<>();
            for (int i = 0, n = rnd.nextInt(50); i < n; i++) {
                List<Field> fields = new ArrayList<>();
                for (int j = 0, nf = 1 + rnd.nextInt(names.length); j < nf; j++) {
                    String name = rnd.nextInt(4) == 0 ? names[rnd.nextInt(names.length)] : names[j];
                    fields.add(new Field(name, FieldType.INTEGER, rnd.nextInt(100), null));
                }
                points.add(new Point("m,host=h" + rnd.nextInt(3), 1, i, fields));
            }
            builder.reset();
            points.forEach(p -> add(builder, p));
            assertThat(decode(builder.build())).as("seed %d round %d", SEED, round).isEqualTo(points);
        }
    }

    @Test
    void encodedSizeOfAKnownBatchIsPinned() {
        PointBatchBuilder b = new PointBatchBuilder();
        add(b, new Point("cpu,host=a", 3, 1000, List.of(
                new Field("usage", FieldType.FLOAT, Double.doubleToRawLongBits(1.5), null),
                new Field("n", FieldType.INTEGER, 42, null))));
        add(b, new Point("cpu,host=a", 3, 2000, List.of(
                new Field("usage", FieldType.FLOAT, Double.doubleToRawLongBits(2.5), null),
                new Field("n", FieldType.INTEGER, 43, null))));
        PointBatch batch = b.build();
        // header 2 + first point 35 (defines the key and both names) + second point 15 (references only)
        assertThat(batch.sizeBytes()).isEqualTo(52);
        assertThat(Arrays.copyOf(batch.toByteArray(), 8))
                .containsExactly(1, 2, 0, 10, 3, 'c', 'p', 'u');
    }

    @Test
    void manyFieldsInOnePointMoveTheFieldCount() {
        PointBatchBuilder b = new PointBatchBuilder();
        List<Field> fields = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            fields.add(new Field("f" + i, FieldType.INTEGER, i, null));
        }
        Point p = new Point("m", 1, 5, fields);
        add(b, p);
        add(b, new Point("m", 1, 6, List.of(new Field("f299", FieldType.BOOLEAN, 1, null))));
        assertThat(decode(b.build())).containsExactly(p,
                new Point("m", 1, 6, List.of(new Field("f299", FieldType.BOOLEAN, 1, null))));
    }

    @Test
    void readerNumbersSeriesAndNamesByFirstAppearance() {
        PointBatchBuilder b = new PointBatchBuilder();
        add(b, new Point("a,t=1", 1, 1, List.of(new Field("x", FieldType.INTEGER, 1, null))));
        add(b, new Point("b,t=1", 1, 1, List.of(new Field("y", FieldType.INTEGER, 1, null))));
        add(b, new Point("a,t=1", 1, 2, List.of(new Field("y", FieldType.INTEGER, 1, null),
                new Field("x", FieldType.INTEGER, 1, null))));
        PointBatchReader r = new PointBatchReader().of(b.build());
        List<String> seen = new ArrayList<>();
        while (r.nextPoint()) {
            StringBuilder sb = new StringBuilder().append(r.seriesIndex()).append(r.isFirstOfSeries() ? "*" : "");
            while (r.nextField()) {
                sb.append(' ').append(r.fieldNameIndex());
            }
            seen.add(sb.toString());
        }
        assertThat(seen).containsExactly("0* 0", "1* 1", "0 1 0");
    }

    @Test
    void emptyBatch() throws Exception {
        PointBatch empty = new PointBatchBuilder().build();
        assertThat(empty.isEmpty()).isTrue();
        assertThat(empty).isEqualTo(PointBatch.empty());
        assertThat(new PointBatchReader().of(empty).nextPoint()).isFalse();
        assertThat(PointBatch.parse(empty.toByteArray(), 0, empty.sizeBytes()).pointCount()).isZero();
    }

    @Test
    void builderRejectsMisuse() {
        PointBatchBuilder b = new PointBatchBuilder();
        byte[] k = utf8("m,t=1");
        byte[] n = utf8("f");
        assertThatThrownBy(() -> b.addFloat(n, 0, 1, 1)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(b::endPoint).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> b.beginPoint(k, 0, k.length, 0, 1)).isInstanceOf(IllegalArgumentException.class);
        b.beginPoint(k, 0, k.length, 1, 1);
        assertThatThrownBy(b::endPoint).hasMessageContaining("at least one field");
        assertThatThrownBy(b::build).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> b.beginPoint(k, 0, k.length, 1, 1)).isInstanceOf(IllegalStateException.class);
        b.addFloat(n, 0, 1, 1);
        b.endPoint();
        assertThat(b.build().pointCount()).isEqualTo(1);
    }

    @Test
    void parseRejectsEveryTruncationAndTrailingBytes() {
        Random rnd = new Random(SEED);
        PointBatchBuilder b = new PointBatchBuilder();
        randomPoints(rnd, 20).forEach(p -> add(b, p));
        byte[] good = b.build().toByteArray();
        for (int len = 0; len < good.length; len++) {
            int n = len;
            assertThatThrownBy(() -> PointBatch.parse(good, 0, n)).as("seed %d len %d", SEED, n)
                    .isInstanceOf(MalformedPointBatchException.class);
        }
        byte[] longer = Arrays.copyOf(good, good.length + 1);
        assertThatThrownBy(() -> PointBatch.parse(longer, 0, longer.length))
                .hasMessageContaining("trailing bytes");
    }

    @Test
    void parseRejectsBadReferencesAndCodes() {
        // version 1, 1 point, reference to series #1 that was never defined
        assertThatThrownBy(() -> PointBatch.parse(new byte[] {1, 1, 1, 0, 1, 0}, 0, 6))
                .isInstanceOf(MalformedPointBatchException.class).hasMessageContaining("series reference");
        // defines series "m" then a field with type code 7
        byte[] badType = {1, 1, 0, 1, 1, 'm', 0, 1, 7, 1, 'f', 0};
        assertThatThrownBy(() -> PointBatch.parse(badType, 0, badType.length))
                .hasMessageContaining("unknown field type code 7");
        byte[] badVersion = {9, 0};
        assertThatThrownBy(() -> PointBatch.parse(badVersion, 0, 2)).hasMessageContaining("version");
        byte[] badBool = {1, 1, 0, 1, 1, 'm', 0, 1, 4, 1, 'f', 2};
        assertThatThrownBy(() -> PointBatch.parse(badBool, 0, badBool.length)).hasMessageContaining("boolean");
    }

    @Test
    void randomCorruptionNeverBreaksTheParserContract() {
        Random rnd = new Random(SEED);
        PointBatchBuilder b = new PointBatchBuilder();
        randomPoints(rnd, 30).forEach(p -> add(b, p));
        byte[] good = b.build().toByteArray();
        for (int i = 0; i < 2000; i++) {
            byte[] bad = good.clone();
            bad[rnd.nextInt(bad.length)] ^= (byte) (1 + rnd.nextInt(255));
            try {
                PointBatch parsed = PointBatch.parse(bad, 0, bad.length);
                decode(parsed); // a valid-looking batch must decode without running off its bytes
            } catch (MalformedPointBatchException expected) {
                assertThat(expected.offset()).isBetween(0, bad.length);
            }
        }
    }

    @Test
    void measurementNamesEscapeCommasAndSpaces() {
        assertThat(MeasurementName.escape("a b,c")).isEqualTo("a\\ b\\,c");
        assertThat(MeasurementName.unescape("a\\ b\\,c")).isEqualTo("a b,c");
        assertThat(MeasurementName.unescape("a\\=b\\")).isEqualTo("a\\=b\\");
        assertThat(MeasurementName.escape("cpu")).isSameAs("cpu");
    }
}
