// Command asyncses-go-client proves the generated Go client against a running AsyncSES server.
//
// It sends one message and reads it back, streams a batch of messages with one invalid item,
// reads the outbox status and the account quota, prints one JSON line that sums it up, and
// exits non-zero when anything is not as the contract says. -protocol picks the wire:
// "grpc" uses the grpc-go stubs, "connect" the connect-go stubs with the Connect protocol.
//
//	go run . -addr 127.0.0.1:3000 -protocol grpc -run-token abc123
package main

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
	"strings"
	"time"

	"connectrpc.com/connect"
	asyncsesv1 "github.com/asyncses/asyncses/gen/go/asyncses/v1"
	"github.com/asyncses/asyncses/gen/go/asyncses/v1/asyncsesv1connect"
	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials/insecure"
	"google.golang.org/grpc/metadata"
)

const (
	sender    = "sender@example.com"
	recipient = "rcpt@example.com"
)

type options struct {
	addr     string
	apiKey   string
	protocol string
	runToken string
	batch    int
	invalid  int
	timeout  float64
}

func main() {
	opts := options{}
	flag.StringVar(&opts.addr, "addr", envOr("ASYNCSES_ADDR", "127.0.0.1:3000"), "server address, host:port (env ASYNCSES_ADDR)")
	flag.StringVar(&opts.apiKey, "api-key", os.Getenv("ASYNCSES_API_KEY"), "API key, sent as 'authorization: Bearer <key>' (env ASYNCSES_API_KEY)")
	flag.StringVar(&opts.protocol, "protocol", "grpc", "wire protocol: grpc (grpc-go) or connect (connect-go, Connect protocol)")
	flag.StringVar(&opts.runToken, "run-token", os.Getenv("ASYNCSES_RUN_TOKEN"), "token put in every subject (env ASYNCSES_RUN_TOKEN; random when empty)")
	flag.IntVar(&opts.batch, "batch", 1000, "messages in the SendBatch stream")
	flag.IntVar(&opts.invalid, "invalid-index", 500, "index of the deliberately invalid batch item")
	flag.Float64Var(&opts.timeout, "timeout", 120, "deadline for the whole run, seconds")
	flag.Parse()
	if opts.runToken == "" {
		opts.runToken = randomToken()
	}
	if opts.invalid < 0 || opts.invalid >= opts.batch {
		fail("-invalid-index %d is outside the batch of %d", opts.invalid, opts.batch)
	}

	ctx, cancel := context.WithTimeout(context.Background(), time.Duration(opts.timeout*float64(time.Second)))
	defer cancel()
	var c client
	switch opts.protocol {
	case "grpc":
		g, err := newGRPCClient(opts)
		if err != nil {
			fail("connect: %v", err)
		}
		defer g.conn.Close()
		c = g
	case "connect":
		c = newConnectClient(opts)
	default:
		fail("-protocol must be grpc or connect, not %q", opts.protocol)
	}
	summary, err := run(ctx, c, opts)
	if err != nil {
		fail("%v", err)
	}
	line, _ := json.Marshal(summary)
	fmt.Println(string(line))
}

// client is what the proof needs from either stub set.
type client interface {
	Send(context.Context, *asyncsesv1.SendRequest) (*asyncsesv1.SendResponse, error)
	GetMessage(context.Context, *asyncsesv1.GetMessageRequest) (*asyncsesv1.GetMessageResponse, error)
	SendBatch(context.Context) (batchStream, error)
	Status(context.Context, *asyncsesv1.StatusRequest) (*asyncsesv1.StatusResponse, error)
	Quota(context.Context, *asyncsesv1.QuotaRequest) (*asyncsesv1.QuotaResponse, error)
}

type batchStream interface {
	Send(*asyncsesv1.SendBatchRequest) error
	CloseSend() error
	// Recv returns io.EOF once the server has closed the stream cleanly.
	Recv() (*asyncsesv1.SendBatchResponse, error)
}

type summary struct {
	Client   string        `json:"client"`
	Protocol string        `json:"protocol"`
	RunToken string        `json:"run_token"`
	Send     sendSummary   `json:"send"`
	Batch    batchSummary  `json:"batch"`
	Status   statusSummary `json:"status"`
	Quota    quotaSummary  `json:"quota"`
	OK       bool          `json:"ok"`
}

type sendSummary struct {
	ID      string `json:"id"`
	Subject string `json:"subject"`
	State   string `json:"state"`
}

type batchSummary struct {
	Sent     int         `json:"sent"`
	Received int         `json:"received"`
	Accepted int         `json:"accepted"`
	Errors   []itemError `json:"errors"`
	IDs      []string    `json:"ids"`
}

type itemError struct {
	Index   int    `json:"index"`
	Code    string `json:"code"`
	Message string `json:"message"`
}

type statusSummary struct {
	Queued    uint64 `json:"queued"`
	InFlight  uint64 `json:"in_flight"`
	Sent      uint64 `json:"sent"`
	Failed    uint64 `json:"failed"`
	Cancelled uint64 `json:"cancelled"`
	Outbox    uint64 `json:"outbox"`
	Capacity  uint64 `json:"capacity"`
	Workers   uint32 `json:"workers"`
	Sender    string `json:"sender"`
	Store     string `json:"store"`
}

type quotaSummary struct {
	Max24HourSend   float64 `json:"max_24_hour_send"`
	SentLast24Hours float64 `json:"sent_last_24_hours"`
	MaxSendRate     float64 `json:"max_send_rate"`
}

func run(ctx context.Context, c client, opts options) (*summary, error) {
	tag := "go-" + opts.protocol
	out := &summary{Client: "go", Protocol: opts.protocol, RunToken: opts.runToken}

	// One message, then read it back.
	subject := fmt.Sprintf("[%s] %s send", tag, opts.runToken)
	sent, err := c.Send(ctx, &asyncsesv1.SendRequest{
		From:    sender,
		To:      []string{recipient},
		Subject: subject,
		Text:    "Sent by the AsyncSES Go client over " + opts.protocol + ".",
	})
	if err != nil {
		return nil, fmt.Errorf("MailService/Send: %w", err)
	}
	if sent.GetId() == "" {
		return nil, errors.New("MailService/Send: empty id")
	}
	got, err := c.GetMessage(ctx, &asyncsesv1.GetMessageRequest{Id: sent.GetId()})
	if err != nil {
		return nil, fmt.Errorf("MailService/GetMessage(%s): %w", sent.GetId(), err)
	}
	m := got.GetMessage()
	if m.GetId() != sent.GetId() || m.GetSubject() != subject ||
		len(m.GetTo()) != 1 || m.GetTo()[0] != recipient || !strings.Contains(m.GetFrom(), sender) {
		return nil, fmt.Errorf("MailService/GetMessage(%s): got id %q subject %q from %q to %q",
			sent.GetId(), m.GetId(), m.GetSubject(), m.GetFrom(), m.GetTo())
	}
	if m.GetState() == asyncsesv1.MessageState_MESSAGE_STATE_UNSPECIFIED {
		return nil, fmt.Errorf("MailService/GetMessage(%s): state unspecified", sent.GetId())
	}
	out.Send = sendSummary{ID: sent.GetId(), Subject: subject, State: m.GetState().String()}

	// One batch stream: write every item while reading the results.
	batch, err := sendBatch(ctx, c, opts, tag)
	if err != nil {
		return nil, err
	}
	out.Batch = *batch

	st, err := c.Status(ctx, &asyncsesv1.StatusRequest{})
	if err != nil {
		return nil, fmt.Errorf("OutboxService/Status: %w", err)
	}
	out.Status = statusSummary{
		Queued: st.GetQueued(), InFlight: st.GetInFlight(), Sent: st.GetSent(), Failed: st.GetFailed(),
		Cancelled: st.GetCancelled(), Outbox: st.GetOutbox(), Capacity: st.GetCapacity(),
		Workers: st.GetWorkers(), Sender: st.GetSender(), Store: st.GetStore(),
	}
	accepted := uint64(1 + batch.Accepted)
	if total := st.GetQueued() + st.GetInFlight() + st.GetSent() + st.GetFailed() + st.GetCancelled(); total < accepted {
		return nil, fmt.Errorf("OutboxService/Status: counts add up to %d, fewer than the %d messages this run queued", total, accepted)
	}

	q, err := c.Quota(ctx, &asyncsesv1.QuotaRequest{})
	if err != nil {
		return nil, fmt.Errorf("AccountService/Quota: %w", err)
	}
	out.Quota = quotaSummary{
		Max24HourSend: q.GetMax_24HourSend(), SentLast24Hours: q.GetSentLast_24Hours(), MaxSendRate: q.GetMaxSendRate(),
	}
	out.OK = true
	return out, nil
}

func sendBatch(ctx context.Context, c client, opts options, tag string) (*batchSummary, error) {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	stream, err := c.SendBatch(ctx)
	if err != nil {
		return nil, fmt.Errorf("MailService/SendBatch: %w", err)
	}
	written := make(chan error, 1)
	go func() {
		for i := 0; i < opts.batch; i++ {
			to := recipient
			if i == opts.invalid {
				to = "not an address"
			}
			err := stream.Send(&asyncsesv1.SendBatchRequest{Message: &asyncsesv1.SendRequest{
				From:    sender,
				To:      []string{to},
				Subject: fmt.Sprintf("[%s] %s batch %d", tag, opts.runToken, i),
				Text:    fmt.Sprintf("Batch item %d of %d.", i, opts.batch),
			}})
			if err != nil {
				// The reader sees the stream's real error; stop writing.
				written <- fmt.Errorf("send item %d: %w", i, err)
				return
			}
		}
		written <- stream.CloseSend()
	}()

	out := &batchSummary{Sent: opts.batch, Errors: []itemError{}, IDs: make([]string, 0, opts.batch)}
	seen := make(map[string]bool, opts.batch)
	for {
		res, err := stream.Recv()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("MailService/SendBatch: after %d results: %w", out.Received, err)
		}
		if int(res.GetIndex()) != out.Received {
			return nil, fmt.Errorf("MailService/SendBatch: result %d has index %d", out.Received, res.GetIndex())
		}
		out.Received++
		switch r := res.GetResult().(type) {
		case *asyncsesv1.SendBatchResponse_Id:
			if r.Id == "" || seen[r.Id] {
				return nil, fmt.Errorf("MailService/SendBatch: item %d: empty or repeated id %q", res.GetIndex(), r.Id)
			}
			seen[r.Id] = true
			out.IDs = append(out.IDs, r.Id)
			out.Accepted++
		case *asyncsesv1.SendBatchResponse_Error:
			out.Errors = append(out.Errors, itemError{Index: int(res.GetIndex()), Code: r.Error.GetCode(), Message: r.Error.GetMessage()})
		default:
			return nil, fmt.Errorf("MailService/SendBatch: item %d has neither id nor error", res.GetIndex())
		}
	}
	if err := <-written; err != nil {
		return nil, fmt.Errorf("MailService/SendBatch: %w", err)
	}
	if out.Received != opts.batch || out.Accepted != opts.batch-1 || len(out.Errors) != 1 ||
		out.Errors[0].Index != opts.invalid || out.Errors[0].Code != "invalid_argument" {
		return nil, fmt.Errorf("MailService/SendBatch: want %d results, %d ids and one invalid_argument at %d; got %d results, %d ids, errors %+v",
			opts.batch, opts.batch-1, opts.invalid, out.Received, out.Accepted, out.Errors)
	}
	return out, nil
}

// grpc-go.

type grpcClient struct {
	conn    *grpc.ClientConn
	mail    asyncsesv1.MailServiceClient
	outbox  asyncsesv1.OutboxServiceClient
	account asyncsesv1.AccountServiceClient
}

func newGRPCClient(opts options) (*grpcClient, error) {
	dialOpts := []grpc.DialOption{grpc.WithTransportCredentials(insecure.NewCredentials())}
	if opts.apiKey != "" {
		auth := "Bearer " + opts.apiKey
		dialOpts = append(dialOpts,
			grpc.WithUnaryInterceptor(func(ctx context.Context, method string, req, reply any, cc *grpc.ClientConn, invoker grpc.UnaryInvoker, o ...grpc.CallOption) error {
				return invoker(metadata.AppendToOutgoingContext(ctx, "authorization", auth), method, req, reply, cc, o...)
			}),
			grpc.WithStreamInterceptor(func(ctx context.Context, desc *grpc.StreamDesc, cc *grpc.ClientConn, method string, streamer grpc.Streamer, o ...grpc.CallOption) (grpc.ClientStream, error) {
				return streamer(metadata.AppendToOutgoingContext(ctx, "authorization", auth), desc, cc, method, o...)
			}),
		)
	}
	conn, err := grpc.NewClient(strings.TrimPrefix(opts.addr, "http://"), dialOpts...)
	if err != nil {
		return nil, err
	}
	return &grpcClient{
		conn:    conn,
		mail:    asyncsesv1.NewMailServiceClient(conn),
		outbox:  asyncsesv1.NewOutboxServiceClient(conn),
		account: asyncsesv1.NewAccountServiceClient(conn),
	}, nil
}

func (g *grpcClient) Send(ctx context.Context, r *asyncsesv1.SendRequest) (*asyncsesv1.SendResponse, error) {
	return g.mail.Send(ctx, r)
}

func (g *grpcClient) GetMessage(ctx context.Context, r *asyncsesv1.GetMessageRequest) (*asyncsesv1.GetMessageResponse, error) {
	return g.mail.GetMessage(ctx, r)
}

func (g *grpcClient) SendBatch(ctx context.Context) (batchStream, error) {
	return g.mail.SendBatch(ctx)
}

func (g *grpcClient) Status(ctx context.Context, r *asyncsesv1.StatusRequest) (*asyncsesv1.StatusResponse, error) {
	return g.outbox.Status(ctx, r)
}

func (g *grpcClient) Quota(ctx context.Context, r *asyncsesv1.QuotaRequest) (*asyncsesv1.QuotaResponse, error) {
	return g.account.Quota(ctx, r)
}

// connect-go, Connect protocol over HTTP/2 without TLS (bidirectional streams need HTTP/2).

type connectClient struct {
	mail    asyncsesv1connect.MailServiceClient
	outbox  asyncsesv1connect.OutboxServiceClient
	account asyncsesv1connect.AccountServiceClient
}

type bearerTransport struct {
	auth string
	next http.RoundTripper
}

func (t bearerTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	r = r.Clone(r.Context())
	r.Header.Set("Authorization", t.auth)
	return t.next.RoundTrip(r)
}

func newConnectClient(opts options) *connectClient {
	var protocols http.Protocols
	protocols.SetUnencryptedHTTP2(true)
	var transport http.RoundTripper = &http.Transport{Protocols: &protocols}
	if opts.apiKey != "" {
		transport = bearerTransport{auth: "Bearer " + opts.apiKey, next: transport}
	}
	httpClient := &http.Client{Transport: transport}
	base := opts.addr
	if !strings.HasPrefix(base, "http://") {
		base = "http://" + base
	}
	return &connectClient{
		mail:    asyncsesv1connect.NewMailServiceClient(httpClient, base),
		outbox:  asyncsesv1connect.NewOutboxServiceClient(httpClient, base),
		account: asyncsesv1connect.NewAccountServiceClient(httpClient, base),
	}
}

func (c *connectClient) Send(ctx context.Context, r *asyncsesv1.SendRequest) (*asyncsesv1.SendResponse, error) {
	res, err := c.mail.Send(ctx, connect.NewRequest(r))
	if err != nil {
		return nil, err
	}
	return res.Msg, nil
}

func (c *connectClient) GetMessage(ctx context.Context, r *asyncsesv1.GetMessageRequest) (*asyncsesv1.GetMessageResponse, error) {
	res, err := c.mail.GetMessage(ctx, connect.NewRequest(r))
	if err != nil {
		return nil, err
	}
	return res.Msg, nil
}

func (c *connectClient) SendBatch(ctx context.Context) (batchStream, error) {
	return connectBatch{c.mail.SendBatch(ctx)}, nil
}

func (c *connectClient) Status(ctx context.Context, r *asyncsesv1.StatusRequest) (*asyncsesv1.StatusResponse, error) {
	res, err := c.outbox.Status(ctx, connect.NewRequest(r))
	if err != nil {
		return nil, err
	}
	return res.Msg, nil
}

func (c *connectClient) Quota(ctx context.Context, r *asyncsesv1.QuotaRequest) (*asyncsesv1.QuotaResponse, error) {
	res, err := c.account.Quota(ctx, connect.NewRequest(r))
	if err != nil {
		return nil, err
	}
	return res.Msg, nil
}

type connectBatch struct {
	stream *connect.BidiStreamForClient[asyncsesv1.SendBatchRequest, asyncsesv1.SendBatchResponse]
}

func (b connectBatch) Send(r *asyncsesv1.SendBatchRequest) error { return b.stream.Send(r) }
func (b connectBatch) CloseSend() error                          { return b.stream.CloseRequest() }

func (b connectBatch) Recv() (*asyncsesv1.SendBatchResponse, error) {
	res, err := b.stream.Receive()
	if err != nil {
		if errors.Is(err, io.EOF) {
			if cerr := b.stream.CloseResponse(); cerr != nil {
				return nil, cerr
			}
		}
		return nil, err
	}
	return res, nil
}

func envOr(name, fallback string) string {
	if v := os.Getenv(name); v != "" {
		return v
	}
	return fallback
}

func randomToken() string {
	b := make([]byte, 6)
	if _, err := rand.Read(b); err != nil {
		fail("random token: %v", err)
	}
	return hex.EncodeToString(b)
}

func fail(format string, args ...any) {
	fmt.Fprintf(os.Stderr, "asyncses-go-client: "+format+"\n", args...)
	os.Exit(1)
}
