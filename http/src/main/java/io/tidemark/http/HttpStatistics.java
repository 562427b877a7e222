package io.tidemark.http;

import io.tidemark.common.metrics.MetricGroup;
import java.util.concurrent.atomic.LongAdder;

/**
 * InfluxDB's {@code httpd} statistics, under InfluxDB's names and with its meaning, so that the dashboards and
 * Telegraf's {@code inputs.influxdb} built on them read Tidemark's: every request counts in {@code req}; a request
 * counts in {@code clientError} or {@code serverError} by the class of the status a handler answered (a path or method
 * with no handler does not, as in InfluxDB); {@code writeReqBytes} counts the body after decompression and
 * {@code queryRespBytes} the bytes of the answer.
 */
final class HttpStatistics {
    private final LongAdder requests;
    private final LongAdder activeRequests;
    private final LongAdder requestNanos;
    private final LongAdder queryRequests;
    private final LongAdder queryNanos;
    private final LongAdder queryResponseBytes;
    private final LongAdder writeRequests;
    private final LongAdder activeWriteRequests;
    private final LongAdder writeNanos;
    private final LongAdder writeBytes;
    private final LongAdder pointsOk;
    private final LongAdder pointsDropped;
    private final LongAdder pointsFailed;
    private final LongAdder pingRequests;
    private final LongAdder statusRequests;
    private final LongAdder clientErrors;
    private final LongAdder serverErrors;
    private final LongAdder recoveredPanics;

    HttpStatistics(MetricGroup group) {
        requests = group.counter("req");
        activeRequests = group.counter("reqActive");
        requestNanos = group.counter("reqDurationNs");
        queryRequests = group.counter("queryReq");
        queryNanos = group.counter("queryReqDurationNs");
        queryResponseBytes = group.counter("queryRespBytes");
        writeRequests = group.counter("writeReq");
        activeWriteRequests = group.counter("writeReqActive");
        writeNanos = group.counter("writeReqDurationNs");
        writeBytes = group.counter("writeReqBytes");
        pointsOk = group.counter("pointsWrittenOK");
        pointsDropped = group.counter("pointsWrittenDropped");
        pointsFailed = group.counter("pointsWrittenFail");
        pingRequests = group.counter("pingReq");
        statusRequests = group.counter("statusReq");
        clientErrors = group.counter("clientError");
        serverErrors = group.counter("serverError");
        recoveredPanics = group.counter("recoveredPanics");
    }

    void requestStarted() {
        requests.increment();
        activeRequests.increment();
    }

    /** Once per request started, when its answer has been handed to the connection. */
    void requestFinished(long startNanos) {
        activeRequests.decrement();
        requestNanos.add(System.nanoTime() - startNanos);
    }

    /** The status a handler answered with. */
    void answered(int status) {
        if (status / 100 == 4) {
            clientErrors.increment();
        } else if (status / 100 == 5) {
            serverErrors.increment();
        }
    }

    void ping() {
        pingRequests.increment();
    }

    void status() {
        statusRequests.increment();
    }

    void recoveredPanic() {
        recoveredPanics.increment();
    }

    /** Writes begun and not yet answered (those waiting for their fsync among them). */
    long activeWrites() {
        return activeWriteRequests.sum();
    }

    void writeStarted(int bodyBytes) {
        writeRequests.increment();
        activeWriteRequests.increment();
        writeBytes.add(bodyBytes);
    }

    /** {@code outcome} is null when the write failed with an exception. */
    void writeFinished(long startNanos, WriteOutcome outcome) {
        activeWriteRequests.decrement();
        writeNanos.add(System.nanoTime() - startNanos);
        if (outcome == null) {
            return;
        }
        pointsOk.add(outcome.pointsWritten());
        pointsDropped.add(outcome.pointsDropped());
        pointsFailed.add(outcome.pointsFailed());
    }

    void queryStarted() {
        queryRequests.increment();
    }

    void queryFinished(long startNanos) {
        queryNanos.add(System.nanoTime() - startNanos);
    }

    void queryBytesSent(long bytes) {
        queryResponseBytes.add(bytes);
    }
}
