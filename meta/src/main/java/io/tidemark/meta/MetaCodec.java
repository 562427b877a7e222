package io.tidemark.meta;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The persisted form of {@link MetaData}: a JSON document written and read field by field (no reflection), so
 * that the format is exactly what this class says. See docs/format/meta.md. Thread-safe.
 */
public final class MetaCodec {
    static final int VERSION = 1;
    private final JsonFactory json = new JsonFactory();

    public byte[] encode(MetaData data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator g = json.createGenerator(out)) {
            g.writeStartObject();
            g.writeNumberField("version", VERSION);
            g.writeNumberField("index", data.index());
            g.writeNumberField("maxShardGroupId", data.maxShardGroupId());
            g.writeNumberField("maxShardId", data.maxShardId());
            g.writeArrayFieldStart("databases");
            for (DatabaseInfo db : data.databases()) {
                g.writeStartObject();
                g.writeStringField("name", db.name());
                g.writeStringField("defaultRetentionPolicy", db.defaultRetentionPolicy());
                g.writeArrayFieldStart("retentionPolicies");
                for (RetentionPolicyInfo rp : db.retentionPolicies()) {
                    writePolicy(g, rp);
                }
                g.writeEndArray();
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        } catch (IOException e) {
            throw new IllegalStateException("BUG: writing to memory failed", e);
        }
        return out.toByteArray();
    }

    private static void writePolicy(JsonGenerator g, RetentionPolicyInfo rp) throws IOException {
        g.writeStartObject();
        g.writeStringField("name", rp.name());
        g.writeNumberField("durationNanos", rp.duration().toNanos());
        g.writeNumberField("shardGroupDurationNanos", rp.shardGroupDuration().toNanos());
        g.writeNumberField("replicaN", rp.replicaN());
        g.writeArrayFieldStart("shardGroups");
        for (ShardGroupInfo sg : rp.shardGroups()) {
            g.writeStartObject();
            g.writeNumberField("id", sg.id());
            g.writeNumberField("startNanos", sg.startNanos());
            g.writeNumberField("endNanos", sg.endNanos());
            g.writeNumberField("deletedAtNanos", sg.deletedAtNanos());
            g.writeArrayFieldStart("shards");
            for (ShardInfo s : sg.shards()) {
                g.writeStartObject();
                g.writeNumberField("id", s.id());
                g.writeArrayFieldStart("owners");
                for (long owner : s.owners()) {
                    g.writeNumber(owner);
                }
                g.writeEndArray();
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    public MetaData decode(byte[] bytes) throws IOException {
        try (JsonParser p = json.createParser(bytes)) {
            expect(p, JsonToken.START_OBJECT);
            long index = 0;
            long maxGroup = 0;
            long maxShard = 0;
            List<DatabaseInfo> dbs = new ArrayList<>();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                p.nextToken();
                switch (field) {
                    case "version" -> {
                        if (p.getIntValue() != VERSION) {
                            throw new IOException("unsupported meta version " + p.getIntValue());
                        }
                    }
                    case "index" -> index = p.getLongValue();
                    case "maxShardGroupId" -> maxGroup = p.getLongValue();
                    case "maxShardId" -> maxShard = p.getLongValue();
                    case "databases" -> {
                        while (p.nextToken() == JsonToken.START_OBJECT) {
                            dbs.add(readDatabase(p));
                        }
                    }
                    default -> p.skipChildren();
                }
            }
            return new MetaData(index, maxGroup, maxShard, dbs);
        }
    }

    private static DatabaseInfo readDatabase(JsonParser p) throws IOException {
        String name = null;
        String def = null;
        List<RetentionPolicyInfo> rps = new ArrayList<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            p.nextToken();
            switch (field) {
                case "name" -> name = p.getText();
                case "defaultRetentionPolicy" -> def = p.getText();
                case "retentionPolicies" -> {
                    while (p.nextToken() == JsonToken.START_OBJECT) {
                        rps.add(readPolicy(p));
                    }
                }
                default -> p.skipChildren();
            }
        }
        return new DatabaseInfo(name, def, rps);
    }

    private static RetentionPolicyInfo readPolicy(JsonParser p) throws IOException {
        String name = null;
        long duration = 0;
        long sgd = 0;
        int replicaN = 1;
        List<ShardGroupInfo> groups = new ArrayList<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            p.nextToken();
            switch (field) {
                case "name" -> name = p.getText();
                case "durationNanos" -> duration = p.getLongValue();
                case "shardGroupDurationNanos" -> sgd = p.getLongValue();
                case "replicaN" -> replicaN = p.getIntValue();
                case "shardGroups" -> {
                    while (p.nextToken() == JsonToken.START_OBJECT) {
                        groups.add(readGroup(p));
                    }
                }
                default -> p.skipChildren();
            }
        }
        return new RetentionPolicyInfo(name, Duration.ofNanos(duration), Duration.ofNanos(sgd), replicaN, groups);
    }

    private static ShardGroupInfo readGroup(JsonParser p) throws IOException {
        long id = 0;
        long start = 0;
        long end = 0;
        long deleted = 0;
        List<ShardInfo> shards = new ArrayList<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            p.nextToken();
            switch (field) {
                case "id" -> id = p.getLongValue();
                case "startNanos" -> start = p.getLongValue();
                case "endNanos" -> end = p.getLongValue();
                case "deletedAtNanos" -> deleted = p.getLongValue();
                case "shards" -> {
                    while (p.nextToken() == JsonToken.START_OBJECT) {
                        shards.add(readShard(p));
                    }
                }
                default -> p.skipChildren();
            }
        }
        return new ShardGroupInfo(id, start, end, deleted, shards);
    }

    private static ShardInfo readShard(JsonParser p) throws IOException {
        long id = 0;
        List<Long> owners = new ArrayList<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            p.nextToken();
            switch (field) {
                case "id" -> id = p.getLongValue();
                case "owners" -> {
                    while (p.nextToken() == JsonToken.VALUE_NUMBER_INT) {
                        owners.add(p.getLongValue());
                    }
                }
                default -> p.skipChildren();
            }
        }
        return new ShardInfo(id, owners);
    }

    private static void expect(JsonParser p, JsonToken token) throws IOException {
        if (p.nextToken() != token) {
            throw new IOException("malformed meta file: expected " + token + " at " + p.currentLocation());
        }
    }
}
