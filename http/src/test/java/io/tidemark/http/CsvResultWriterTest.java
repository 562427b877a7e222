package io.tidemark.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidemark.common.result.Series;
import io.tidemark.common.result.StatementResult;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CsvResultWriterTest {
    @Test
    void writesInfluxDbsCsvShape() {
        Series a = new Series("cpu", Map.of("region", "us west", "host", "a"), List.of("time", "v", "s"),
                List.of(Arrays.asList(1_000_000_000L, 1.5, "x,y"), Arrays.asList(2_000_000_000L, 1e21, null)), false);
        Series b = Series.of("databases", List.of("name"), List.of(List.of("db")));
        List<StatementResult> results = List.of(StatementResult.of(0, List.of(a)), StatementResult.error(1, "boom"),
                StatementResult.of(2, List.of(b)));
        String csv = new String(new CsvResultWriter(EpochFormat.of(null)).write(results), StandardCharsets.UTF_8);
        assertThat(csv).isEqualTo("""
                name,tags,time,v,s
                cpu,"host=a,region=us\\ west",1000000000,1.5,"x,y"
                cpu,"host=a,region=us\\ west",2000000000,1000000000000000000000,

                name,tags,name
                databases,,db
                """);
    }

    @Test
    void epochAppliesToTimes() {
        Series a = Series.of("m", List.of("time", "v"), List.of(List.of(1_500_000_000L, 1L)));
        String csv = new String(new CsvResultWriter(EpochFormat.of("ms")).write(List.of(StatementResult.of(0,
                List.of(a)))), StandardCharsets.UTF_8);
        assertThat(csv).isEqualTo("name,tags,time,v\nm,,1500,1\n");
    }

    @Test
    void tagsWithAnEmptyValueAreLeftOutAsInfluxDbsSeriesKeyLeavesThemOut() {
        // GROUP BY * over series that lack a tag: InfluxDB 1.6.7 writes "t=c" and an empty field where JSON has "".
        Series some = Series.of("m", List.of("time", "v"), List.of(List.of(1L, 1L)));
        Series withEmpty = new Series("m", Map.of("t", "c", "u", ""), some.columns(), some.values(), false);
        Series allEmpty = new Series("m", Map.of("t", "", "u", ""), some.columns(), some.values(), false);
        String csv = new String(new CsvResultWriter(EpochFormat.of(null)).write(List.of(StatementResult.of(0,
                List.of(allEmpty, withEmpty)))), StandardCharsets.UTF_8);
        assertThat(csv).isEqualTo("name,tags,time,v\nm,,1,1\nm,t=c,1,1\n");
    }
}
