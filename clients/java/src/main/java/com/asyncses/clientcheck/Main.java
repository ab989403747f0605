package com.asyncses.clientcheck;

import com.asyncses.v1.AccountServiceGrpc;
import com.asyncses.v1.GetMessageRequest;
import com.asyncses.v1.MailServiceGrpc;
import com.asyncses.v1.Message;
import com.asyncses.v1.MessageState;
import com.asyncses.v1.OutboxServiceGrpc;
import com.asyncses.v1.QuotaRequest;
import com.asyncses.v1.QuotaResponse;
import com.asyncses.v1.SendBatchRequest;
import com.asyncses.v1.SendBatchResponse;
import com.asyncses.v1.SendRequest;
import com.asyncses.v1.SendResponse;
import com.asyncses.v1.StatusRequest;
import com.asyncses.v1.StatusResponse;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Metadata;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import io.grpc.stub.MetadataUtils;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Proves the generated Java client against a running AsyncSES server over gRPC.
 *
 * <p>It sends one message and reads it back, streams a batch of messages with one invalid item,
 * reads the outbox status and the account quota, prints one JSON line that sums it up, and exits
 * non-zero when anything is not as the contract says.
 *
 * <pre>
 * java -jar target/asyncses-java-client.jar --addr 127.0.0.1:3000 [--api-key KEY] [--run-token T]
 * </pre>
 */
public final class Main {
  private static final String SENDER = "sender@example.com";
  private static final String RECIPIENT = "rcpt@example.com";
  private static final String TAG = "java";

  private String addr = envOr("ASYNCSES_ADDR", "127.0.0.1:3000");
  private String apiKey = envOr("ASYNCSES_API_KEY", "");
  private String runToken = envOr("ASYNCSES_RUN_TOKEN", "");
  private int batch = 1000;
  private int invalidIndex = 500;
  private long timeoutSeconds = 120;

  /** A result that is not what the contract says. */
  static final class CheckFailed extends Exception {
    CheckFailed(String message) {
      super(message);
    }
  }

  public static void main(String[] args) {
    Main main = new Main();
    try {
      main.parse(args);
      System.out.println(main.run());
    } catch (CheckFailed | IllegalArgumentException e) {
      System.err.println("asyncses-java-client: " + e.getMessage());
      System.exit(1);
    } catch (StatusRuntimeException e) {
      System.err.println("asyncses-java-client: " + describe(e.getStatus()));
      System.exit(1);
    } catch (Exception e) {
      System.err.println("asyncses-java-client: " + e);
      System.exit(1);
    }
    System.exit(0);
  }

  private void parse(String[] args) {
    for (int i = 0; i < args.length; i++) {
      String flag = args[i];
      if (flag.equals("-h") || flag.equals("--help")) {
        System.out.println(
            "usage: asyncses-java-client [--addr HOST:PORT] [--api-key KEY] [--run-token T]"
                + " [--batch N] [--invalid-index I] [--timeout SECONDS]\n"
                + "env: ASYNCSES_ADDR, ASYNCSES_API_KEY, ASYNCSES_RUN_TOKEN");
        System.exit(0);
      }
      if (i + 1 >= args.length) {
        throw new IllegalArgumentException(flag + " needs a value");
      }
      String value = args[++i];
      switch (flag) {
        case "--addr" -> addr = value;
        case "--api-key" -> apiKey = value;
        case "--run-token" -> runToken = value;
        case "--batch" -> batch = Integer.parseInt(value);
        case "--invalid-index" -> invalidIndex = Integer.parseInt(value);
        case "--timeout" -> timeoutSeconds = Long.parseLong(value);
        default -> throw new IllegalArgumentException("unknown flag " + flag);
      }
    }
    if (addr.startsWith("http://")) {
      addr = addr.substring("http://".length());
    }
    if (runToken.isEmpty()) {
      byte[] b = new byte[6];
      new SecureRandom().nextBytes(b);
      runToken = HexFormat.of().formatHex(b);
    }
    if (invalidIndex < 0 || invalidIndex >= batch) {
      throw new IllegalArgumentException(
          "--invalid-index " + invalidIndex + " is outside the batch of " + batch);
    }
  }

  private String run() throws Exception {
    ManagedChannelBuilder<?> builder = ManagedChannelBuilder.forTarget(addr).usePlaintext();
    if (!apiKey.isEmpty()) {
      Metadata headers = new Metadata();
      headers.put(
          Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer " + apiKey);
      builder.intercept(MetadataUtils.newAttachHeadersInterceptor(headers));
    }
    ManagedChannel channel = builder.build();
    try {
      return run(channel);
    } finally {
      channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
  }

  private String run(ManagedChannel channel) throws Exception {
    var mail = MailServiceGrpc.newBlockingStub(channel);
    var outbox = OutboxServiceGrpc.newBlockingStub(channel);
    var account = AccountServiceGrpc.newBlockingStub(channel);

    // One message, then read it back.
    String subject = "[" + TAG + "] " + runToken + " send";
    SendResponse sent =
        mail.withDeadlineAfter(timeoutSeconds, TimeUnit.SECONDS)
            .send(
                SendRequest.newBuilder()
                    .setFrom(SENDER)
                    .addTo(RECIPIENT)
                    .setSubject(subject)
                    .setText("Sent by the AsyncSES Java client over gRPC.")
                    .build());
    if (sent.getId().isEmpty()) {
      throw new CheckFailed("MailService/Send: empty id");
    }
    Message m =
        mail.withDeadlineAfter(timeoutSeconds, TimeUnit.SECONDS)
            .getMessage(GetMessageRequest.newBuilder().setId(sent.getId()).build())
            .getMessage();
    if (!m.getId().equals(sent.getId())
        || !m.getSubject().equals(subject)
        || !m.getToList().equals(List.of(RECIPIENT))
        || !m.getFrom().contains(SENDER)) {
      throw new CheckFailed(
          String.format(
              "MailService/GetMessage(%s): got id %s subject %s from %s to %s",
              sent.getId(), m.getId(), m.getSubject(), m.getFrom(), m.getToList()));
    }
    if (m.getState() == MessageState.MESSAGE_STATE_UNSPECIFIED) {
      throw new CheckFailed("MailService/GetMessage(" + sent.getId() + "): state unspecified");
    }

    BatchResult b = sendBatch(channel);

    StatusResponse st =
        outbox.withDeadlineAfter(timeoutSeconds, TimeUnit.SECONDS)
            .status(StatusRequest.getDefaultInstance());
    long accepted = 1L + b.ids.size();
    long total = st.getQueued() + st.getInFlight() + st.getSent() + st.getFailed() + st.getCancelled();
    if (total < accepted) {
      throw new CheckFailed(
          "OutboxService/Status: counts add up to "
              + total
              + ", fewer than the "
              + accepted
              + " messages this run queued");
    }
    QuotaResponse q =
        account.withDeadlineAfter(timeoutSeconds, TimeUnit.SECONDS)
            .quota(QuotaRequest.getDefaultInstance());

    Json out = new Json();
    out.field("client", "java").field("protocol", "grpc").field("run_token", runToken);
    out.object("send")
        .field("id", sent.getId())
        .field("subject", subject)
        .field("state", m.getState().name())
        .end();
    out.object("batch")
        .field("sent", batch)
        .field("received", b.received)
        .field("accepted", b.ids.size());
    out.array("errors");
    for (Map<String, Object> e : b.errors) {
      out.element(e);
    }
    out.end();
    out.array("ids");
    for (String id : b.ids) {
      out.element(id);
    }
    out.end().end();
    out.object("status")
        .field("queued", st.getQueued())
        .field("in_flight", st.getInFlight())
        .field("sent", st.getSent())
        .field("failed", st.getFailed())
        .field("cancelled", st.getCancelled())
        .field("outbox", st.getOutbox())
        .field("capacity", st.getCapacity())
        .field("workers", st.getWorkers())
        .field("sender", st.getSender())
        .field("store", st.getStore())
        .end();
    out.object("quota")
        .field("max_24_hour_send", q.getMax24HourSend())
        .field("sent_last_24_hours", q.getSentLast24Hours())
        .field("max_send_rate", q.getMaxSendRate())
        .end();
    out.field("ok", true);
    return out.close();
  }

  private static final class BatchResult {
    int received;
    final List<String> ids = new ArrayList<>();
    final List<Map<String, Object>> errors = new ArrayList<>();
  }

  private SendBatchRequest item(int i) {
    return SendBatchRequest.newBuilder()
        .setMessage(
            SendRequest.newBuilder()
                .setFrom(SENDER)
                .addTo(i == invalidIndex ? "not an address" : RECIPIENT)
                .setSubject("[" + TAG + "] " + runToken + " batch " + i)
                .setText("Batch item " + i + " of " + batch + ".")
                .build())
        .build();
  }

  /** One SendBatch stream: writes whenever the stream is ready while results come in. */
  private BatchResult sendBatch(ManagedChannel channel) throws Exception {
    BatchResult result = new BatchResult();
    Set<String> seen = new HashSet<>();
    CompletableFuture<Void> done = new CompletableFuture<>();
    // grpc-java calls these handlers one at a time, so they share state without locks.
    ClientResponseObserver<SendBatchRequest, SendBatchResponse> observer =
        new ClientResponseObserver<>() {
          private ClientCallStreamObserver<SendBatchRequest> requests;
          private int next;

          @Override
          public void beforeStart(ClientCallStreamObserver<SendBatchRequest> requests) {
            this.requests = requests;
            requests.setOnReadyHandler(this::write);
          }

          private void write() {
            while (next < batch && requests.isReady()) {
              requests.onNext(item(next++));
            }
            if (next == batch) {
              next++;
              requests.onCompleted();
            }
          }

          @Override
          public void onNext(SendBatchResponse res) {
            if (done.isDone()) {
              return;
            }
            if (res.getIndex() != result.received) {
              fail("result " + result.received + " has index " + res.getIndex());
              return;
            }
            result.received++;
            switch (res.getResultCase()) {
              case ID -> {
                if (res.getId().isEmpty() || !seen.add(res.getId())) {
                  fail("item " + res.getIndex() + ": empty or repeated id " + res.getId());
                  return;
                }
                result.ids.add(res.getId());
              }
              case ERROR -> {
                Map<String, Object> error = new LinkedHashMap<>();
                error.put("index", res.getIndex());
                error.put("code", res.getError().getCode());
                error.put("message", res.getError().getMessage());
                result.errors.add(error);
              }
              default -> fail("item " + res.getIndex() + " has neither id nor error");
            }
          }

          private void fail(String message) {
            done.completeExceptionally(new CheckFailed("MailService/SendBatch: " + message));
            requests.cancel(message, null);
          }

          @Override
          public void onError(Throwable t) {
            done.completeExceptionally(t);
          }

          @Override
          public void onCompleted() {
            done.complete(null);
          }
        };
    MailServiceGrpc.newStub(channel)
        .withDeadlineAfter(timeoutSeconds, TimeUnit.SECONDS)
        .sendBatch(observer);
    try {
      done.get(timeoutSeconds + 5, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof CheckFailed c) {
        throw c;
      }
      if (e.getCause() instanceof StatusRuntimeException s) {
        throw new CheckFailed(
            "MailService/SendBatch: after " + result.received + " results: " + describe(s.getStatus()));
      }
      throw e;
    } catch (TimeoutException e) {
      throw new CheckFailed("MailService/SendBatch: no end after " + timeoutSeconds + "s");
    }
    if (result.received != batch
        || result.ids.size() != batch - 1
        || result.errors.size() != 1
        || !Integer.valueOf(invalidIndex).equals(result.errors.get(0).get("index"))
        || !"invalid_argument".equals(result.errors.get(0).get("code"))) {
      throw new CheckFailed(
          String.format(
              "MailService/SendBatch: want %d results, %d ids and one invalid_argument at %d;"
                  + " got %d results, %d ids, errors %s",
              batch, batch - 1, invalidIndex, result.received, result.ids.size(), result.errors));
    }
    return result;
  }

  private static String describe(io.grpc.Status status) {
    String text = status.getCode().name();
    if (status.getDescription() != null) {
      text += ": " + status.getDescription();
    }
    if (status.getCause() != null) {
      text += " (" + status.getCause().getMessage() + ")";
    }
    return text;
  }

  private static String envOr(String name, String fallback) {
    String v = System.getenv(name);
    return v == null || v.isEmpty() ? fallback : v;
  }

  /** Just enough of a JSON writer for the one summary line. */
  private static final class Json {
    private final StringBuilder sb = new StringBuilder("{");
    private final java.util.ArrayDeque<Character> closers = new java.util.ArrayDeque<>();
    private boolean first = true;

    private void comma() {
      if (!first) {
        sb.append(',');
      }
      first = false;
    }

    private void key(String name) {
      comma();
      value(name);
      sb.append(':');
    }

    Json field(String name, Object v) {
      key(name);
      value(v);
      return this;
    }

    Json object(String name) {
      key(name);
      sb.append('{');
      closers.push('}');
      first = true;
      return this;
    }

    Json array(String name) {
      key(name);
      sb.append('[');
      closers.push(']');
      first = true;
      return this;
    }

    Json element(Object v) {
      comma();
      value(v);
      return this;
    }

    Json end() {
      sb.append(closers.pop());
      first = false;
      return this;
    }

    String close() {
      while (!closers.isEmpty()) {
        sb.append(closers.pop());
      }
      return sb.append('}').toString();
    }

    private void value(Object v) {
      if (v == null) {
        sb.append("null");
      } else if (v instanceof Boolean || v instanceof Integer || v instanceof Long) {
        sb.append(v);
      } else if (v instanceof Double d) {
        sb.append(d.isNaN() || d.isInfinite() ? "null" : d.toString());
      } else if (v instanceof Map<?, ?> map) {
        sb.append('{');
        boolean firstEntry = true;
        for (var e : map.entrySet()) {
          if (!firstEntry) {
            sb.append(',');
          }
          firstEntry = false;
          value(String.valueOf(e.getKey()));
          sb.append(':');
          value(e.getValue());
        }
        sb.append('}');
      } else {
        String s = v.toString();
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
          char c = s.charAt(i);
          switch (c) {
            case '"' -> sb.append("\\\"");
            case '\\' -> sb.append("\\\\");
            case '\n' -> sb.append("\\n");
            case '\r' -> sb.append("\\r");
            case '\t' -> sb.append("\\t");
            default -> {
              if (c < 0x20) {
                sb.append(String.format("\\u%04x", (int) c));
              } else {
                sb.append(c);
              }
            }
          }
        }
        sb.append('"');
      }
    }
  }
}
