package com.asyncses.v1;

import static io.grpc.MethodDescriptor.generateFullMethodName;

/**
 * <pre>
 * Accepts messages for delivery through Amazon SES and tells what became of them.
 * </pre>
 */
@io.grpc.stub.annotations.GrpcGenerated
public final class MailServiceGrpc {

  private MailServiceGrpc() {}

  public static final java.lang.String SERVICE_NAME = "asyncses.v1.MailService";

  // Static method descriptors that strictly reflect the proto.
  private static volatile io.grpc.MethodDescriptor<com.asyncses.v1.SendRequest,
      com.asyncses.v1.SendResponse> getSendMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "Send",
      requestType = com.asyncses.v1.SendRequest.class,
      responseType = com.asyncses.v1.SendResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<com.asyncses.v1.SendRequest,
      com.asyncses.v1.SendResponse> getSendMethod() {
    io.grpc.MethodDescriptor<com.asyncses.v1.SendRequest, com.asyncses.v1.SendResponse> getSendMethod;
    if ((getSendMethod = MailServiceGrpc.getSendMethod) == null) {
      synchronized (MailServiceGrpc.class) {
        if ((getSendMethod = MailServiceGrpc.getSendMethod) == null) {
          MailServiceGrpc.getSendMethod = getSendMethod =
              io.grpc.MethodDescriptor.<com.asyncses.v1.SendRequest, com.asyncses.v1.SendResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "Send"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  com.asyncses.v1.SendRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  com.asyncses.v1.SendResponse.getDefaultInstance()))
              .setSchemaDescriptor(new MailServiceMethodDescriptorSupplier("Send"))
              .build();
        }
      }
    }
    return getSendMethod;
  }

  private static volatile io.grpc.MethodDescriptor<com.asyncses.v1.SendBatchRequest,
      com.asyncses.v1.SendBatchResponse> getSendBatchMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "SendBatch",
      requestType = com.asyncses.v1.SendBatchRequest.class,
      responseType = com.asyncses.v1.SendBatchResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.BIDI_STREAMING)
  public static io.grpc.MethodDescriptor<com.asyncses.v1.SendBatchRequest,
      com.asyncses.v1.SendBatchResponse> getSendBatchMethod() {
    io.grpc.MethodDescriptor<com.asyncses.v1.SendBatchRequest, com.asyncses.v1.SendBatchResponse> getSendBatchMethod;
    if ((getSendBatchMethod = MailServiceGrpc.getSendBatchMethod) == null) {
      synchronized (MailServiceGrpc.class) {
        if ((getSendBatchMethod = MailServiceGrpc.getSendBatchMethod) == null) {
          MailServiceGrpc.getSendBatchMethod = getSendBatchMethod =
              io.grpc.MethodDescriptor.<com.asyncses.v1.SendBatchRequest, com.asyncses.v1.SendBatchResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.BIDI_STREAMING)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "SendBatch"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  com.asyncses.v1.SendBatchRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  com.asyncses.v1.SendBatchResponse.getDefaultInstance()))
              .setSchemaDescriptor(new MailServiceMethodDescriptorSupplier("SendBatch"))
              .build();
        }
      }
    }
    return getSendBatchMethod;
  }

  private static volatile io.grpc.MethodDescriptor<com.asyncses.v1.GetMessageRequest,
      com.asyncses.v1.GetMessageResponse> getGetMessageMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "GetMessage",
      requestType = com.asyncses.v1.GetMessageRequest.class,
      responseType = com.asyncses.v1.GetMessageResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<com.asyncses.v1.GetMessageRequest,
      com.asyncses.v1.GetMessageResponse> getGetMessageMethod() {
    io.grpc.MethodDescriptor<com.asyncses.v1.GetMessageRequest, com.asyncses.v1.GetMessageResponse> getGetMessageMethod;
    if ((getGetMessageMethod = MailServiceGrpc.getGetMessageMethod) == null) {
      synchronized (MailServiceGrpc.class) {
        if ((getGetMessageMethod = MailServiceGrpc.getGetMessageMethod) == null) {
          MailServiceGrpc.getGetMessageMethod = getGetMessageMethod =
              io.grpc.MethodDescriptor.<com.asyncses.v1.GetMessageRequest, com.asyncses.v1.GetMessageResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "GetMessage"))
              .setSafe(true)
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  com.asyncses.v1.GetMessageRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  com.asyncses.v1.GetMessageResponse.getDefaultInstance()))
              .setSchemaDescriptor(new MailServiceMethodDescriptorSupplier("GetMessage"))
              .build();
        }
      }
    }
    return getGetMessageMethod;
  }

  private static volatile io.grpc.MethodDescriptor<com.asyncses.v1.ListMessagesRequest,
      com.asyncses.v1.ListMessagesResponse> getListMessagesMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "ListMessages",
      requestType = com.asyncses.v1.ListMessagesRequest.class,
      responseType = com.asyncses.v1.ListMessagesResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<com.asyncses.v1.ListMessagesRequest,
      com.asyncses.v1.ListMessagesResponse> getListMessagesMethod() {
    io.grpc.MethodDescriptor<com.asyncses.v1.ListMessagesRequest, com.asyncses.v1.ListMessagesResponse> getListMessagesMethod;
    if ((getListMessagesMethod = MailServiceGrpc.getListMessagesMethod) == null) {
      synchronized (MailServiceGrpc.class) {
        if ((getListMessagesMethod = MailServiceGrpc.getListMessagesMethod) == null) {
          MailServiceGrpc.getListMessagesMethod = getListMessagesMethod =
              io.grpc.MethodDescriptor.<com.asyncses.v1.ListMessagesRequest, com.asyncses.v1.ListMessagesResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "ListMessages"))
              .setSafe(true)
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  com.asyncses.v1.ListMessagesRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  com.asyncses.v1.ListMessagesResponse.getDefaultInstance()))
              .setSchemaDescriptor(new MailServiceMethodDescriptorSupplier("ListMessages"))
              .build();
        }
      }
    }
    return getListMessagesMethod;
  }

  private static volatile io.grpc.MethodDescriptor<com.asyncses.v1.RetryMessagesRequest,
      com.asyncses.v1.RetryMessagesResponse> getRetryMessagesMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "RetryMessages",
      requestType = com.asyncses.v1.RetryMessagesRequest.class,
      responseType = com.asyncses.v1.RetryMessagesResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<com.asyncses.v1.RetryMessagesRequest,
      com.asyncses.v1.RetryMessagesResponse> getRetryMessagesMethod() {
    io.grpc.MethodDescriptor<com.asyncses.v1.RetryMessagesRequest, com.asyncses.v1.RetryMessagesResponse> getRetryMessagesMethod;
    if ((getRetryMessagesMethod = MailServiceGrpc.getRetryMessagesMethod) == null) {
      synchronized (MailServiceGrpc.class) {
        if ((getRetryMessagesMethod = MailServiceGrpc.getRetryMessagesMethod) == null) {
          MailServiceGrpc.getRetryMessagesMethod = getRetryMessagesMethod =
              io.grpc.MethodDescriptor.<com.asyncses.v1.RetryMessagesRequest, com.asyncses.v1.RetryMessagesResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "RetryMessages"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  com.asyncses.v1.RetryMessagesRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  com.asyncses.v1.RetryMessagesResponse.getDefaultInstance()))
              .setSchemaDescriptor(new MailServiceMethodDescriptorSupplier("RetryMessages"))
              .build();
        }
      }
    }
    return getRetryMessagesMethod;
  }

  private static volatile io.grpc.MethodDescriptor<com.asyncses.v1.CancelMessageRequest,
      com.asyncses.v1.CancelMessageResponse> getCancelMessageMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "CancelMessage",
      requestType = com.asyncses.v1.CancelMessageRequest.class,
      responseType = com.asyncses.v1.CancelMessageResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<com.asyncses.v1.CancelMessageRequest,
      com.asyncses.v1.CancelMessageResponse> getCancelMessageMethod() {
    io.grpc.MethodDescriptor<com.asyncses.v1.CancelMessageRequest, com.asyncses.v1.CancelMessageResponse> getCancelMessageMethod;
    if ((getCancelMessageMethod = MailServiceGrpc.getCancelMessageMethod) == null) {
      synchronized (MailServiceGrpc.class) {
        if ((getCancelMessageMethod = MailServiceGrpc.getCancelMessageMethod) == null) {
          MailServiceGrpc.getCancelMessageMethod = getCancelMessageMethod =
              io.grpc.MethodDescriptor.<com.asyncses.v1.CancelMessageRequest, com.asyncses.v1.CancelMessageResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "CancelMessage"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  com.asyncses.v1.CancelMessageRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  com.asyncses.v1.CancelMessageResponse.getDefaultInstance()))
              .setSchemaDescriptor(new MailServiceMethodDescriptorSupplier("CancelMessage"))
              .build();
        }
      }
    }
    return getCancelMessageMethod;
  }

  /**
   * Creates a new async stub that supports all call types for the service
   */
  public static MailServiceStub newStub(io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<MailServiceStub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<MailServiceStub>() {
        @java.lang.Override
        public MailServiceStub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new MailServiceStub(channel, callOptions);
        }
      };
    return MailServiceStub.newStub(factory, channel);
  }

  /**
   * Creates a new blocking-style stub that supports all types of calls on the service
   */
  public static MailServiceBlockingV2Stub newBlockingV2Stub(
      io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<MailServiceBlockingV2Stub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<MailServiceBlockingV2Stub>() {
        @java.lang.Override
        public MailServiceBlockingV2Stub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new MailServiceBlockingV2Stub(channel, callOptions);
        }
      };
    return MailServiceBlockingV2Stub.newStub(factory, channel);
  }

  /**
   * Creates a new blocking-style stub that supports unary and streaming output calls on the service
   */
  public static MailServiceBlockingStub newBlockingStub(
      io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<MailServiceBlockingStub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<MailServiceBlockingStub>() {
        @java.lang.Override
        public MailServiceBlockingStub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new MailServiceBlockingStub(channel, callOptions);
        }
      };
    return MailServiceBlockingStub.newStub(factory, channel);
  }

  /**
   * Creates a new ListenableFuture-style stub that supports unary calls on the service
   */
  public static MailServiceFutureStub newFutureStub(
      io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<MailServiceFutureStub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<MailServiceFutureStub>() {
        @java.lang.Override
        public MailServiceFutureStub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new MailServiceFutureStub(channel, callOptions);
        }
      };
    return MailServiceFutureStub.newStub(factory, channel);
  }

  /**
   * <pre>
   * Accepts messages for delivery through Amazon SES and tells what became of them.
   * </pre>
   */
  public interface AsyncService {

    /**
     * <pre>
     * Accepts one message and answers with its id once it is safely queued.
     * </pre>
     */
    default void send(com.asyncses.v1.SendRequest request,
        io.grpc.stub.StreamObserver<com.asyncses.v1.SendResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getSendMethod(), responseObserver);
    }

    /**
     * <pre>
     * Accepts many messages over one stream: one response per request, in order.
     * An invalid item is answered with its own error; the stream goes on.
     * When the outbox is full the server stops reading until there is room.
     * </pre>
     */
    default io.grpc.stub.StreamObserver<com.asyncses.v1.SendBatchRequest> sendBatch(
        io.grpc.stub.StreamObserver<com.asyncses.v1.SendBatchResponse> responseObserver) {
      return io.grpc.stub.ServerCalls.asyncUnimplementedStreamingCall(getSendBatchMethod(), responseObserver);
    }

    /**
     * <pre>
     * Tells the state of one message.
     * </pre>
     */
    default void getMessage(com.asyncses.v1.GetMessageRequest request,
        io.grpc.stub.StreamObserver<com.asyncses.v1.GetMessageResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getGetMessageMethod(), responseObserver);
    }

    /**
     * <pre>
     * Lists messages, newest first, optionally only those in one state.
     * </pre>
     */
    default void listMessages(com.asyncses.v1.ListMessagesRequest request,
        io.grpc.stub.StreamObserver<com.asyncses.v1.ListMessagesResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getListMessagesMethod(), responseObserver);
    }

    /**
     * <pre>
     * Puts failed messages back in the queue, by id or all of them.
     * </pre>
     */
    default void retryMessages(com.asyncses.v1.RetryMessagesRequest request,
        io.grpc.stub.StreamObserver<com.asyncses.v1.RetryMessagesResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getRetryMessagesMethod(), responseObserver);
    }

    /**
     * <pre>
     * Cancels a message that is still queued.
     * </pre>
     */
    default void cancelMessage(com.asyncses.v1.CancelMessageRequest request,
        io.grpc.stub.StreamObserver<com.asyncses.v1.CancelMessageResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getCancelMessageMethod(), responseObserver);
    }
  }

  /**
   * Base class for the server implementation of the service MailService.
   * <pre>
   * Accepts messages for delivery through Amazon SES and tells what became of them.
   * </pre>
   */
  public static abstract class MailServiceImplBase
      implements io.grpc.BindableService, AsyncService {

    @java.lang.Override public final io.grpc.ServerServiceDefinition bindService() {
      return MailServiceGrpc.bindService(this);
    }
  }

  /**
   * A stub to allow clients to do asynchronous rpc calls to service MailService.
   * <pre>
   * Accepts messages for delivery through Amazon SES and tells what became of them.
   * </pre>
   */
  public static final class MailServiceStub
      extends io.grpc.stub.AbstractAsyncStub<MailServiceStub> {
    private MailServiceStub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected MailServiceStub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new MailServiceStub(channel, callOptions);
    }

    /**
     * <pre>
     * Accepts one message and answers with its id once it is safely queued.
     * </pre>
     */
    public void send(com.asyncses.v1.SendRequest request,
        io.grpc.stub.StreamObserver<com.asyncses.v1.SendResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getSendMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * Accepts many messages over one stream: one response per request, in order.
     * An invalid item is answered with its own error; the stream goes on.
     * When the outbox is full the server stops reading until there is room.
     * </pre>
     */
    public io.grpc.stub.StreamObserver<com.asyncses.v1.SendBatchRequest> sendBatch(
        io.grpc.stub.StreamObserver<com.asyncses.v1.SendBatchResponse> responseObserver) {
      return io.grpc.stub.ClientCalls.asyncBidiStreamingCall(
          getChannel().newCall(getSendBatchMethod(), getCallOptions()), responseObserver);
    }

    /**
     * <pre>
     * Tells the state of one message.
     * </pre>
     */
    public void getMessage(com.asyncses.v1.GetMessageRequest request,
        io.grpc.stub.StreamObserver<com.asyncses.v1.GetMessageResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getGetMessageMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * Lists messages, newest first, optionally only those in one state.
     * </pre>
     */
    public void listMessages(com.asyncses.v1.ListMessagesRequest request,
        io.grpc.stub.StreamObserver<com.asyncses.v1.ListMessagesResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getListMessagesMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * Puts failed messages back in the queue, by id or all of them.
     * </pre>
     */
    public void retryMessages(com.asyncses.v1.RetryMessagesRequest request,
        io.grpc.stub.StreamObserver<com.asyncses.v1.RetryMessagesResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getRetryMessagesMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * Cancels a message that is still queued.
     * </pre>
     */
    public void cancelMessage(com.asyncses.v1.CancelMessageRequest request,
        io.grpc.stub.StreamObserver<com.asyncses.v1.CancelMessageResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getCancelMessageMethod(), getCallOptions()), request, responseObserver);
    }
  }

  /**
   * A stub to allow clients to do synchronous rpc calls to service MailService.
   * <pre>
   * Accepts messages for delivery through Amazon SES and tells what became of them.
   * </pre>
   */
  public static final class MailServiceBlockingV2Stub
      extends io.grpc.stub.AbstractBlockingStub<MailServiceBlockingV2Stub> {
    private MailServiceBlockingV2Stub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected MailServiceBlockingV2Stub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new MailServiceBlockingV2Stub(channel, callOptions);
    }

    /**
     * <pre>
     * Accepts one message and answers with its id once it is safely queued.
     * </pre>
     */
    public com.asyncses.v1.SendResponse send(com.asyncses.v1.SendRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getSendMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Accepts many messages over one stream: one response per request, in order.
     * An invalid item is answered with its own error; the stream goes on.
     * When the outbox is full the server stops reading until there is room.
     * </pre>
     */
    @io.grpc.ExperimentalApi("https://github.com/grpc/grpc-java/issues/10918")
    public io.grpc.stub.BlockingClientCall<com.asyncses.v1.SendBatchRequest, com.asyncses.v1.SendBatchResponse>
        sendBatch() {
      return io.grpc.stub.ClientCalls.blockingBidiStreamingCall(
          getChannel(), getSendBatchMethod(), getCallOptions());
    }

    /**
     * <pre>
     * Tells the state of one message.
     * </pre>
     */
    public com.asyncses.v1.GetMessageResponse getMessage(com.asyncses.v1.GetMessageRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getGetMessageMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Lists messages, newest first, optionally only those in one state.
     * </pre>
     */
    public com.asyncses.v1.ListMessagesResponse listMessages(com.asyncses.v1.ListMessagesRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getListMessagesMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Puts failed messages back in the queue, by id or all of them.
     * </pre>
     */
    public com.asyncses.v1.RetryMessagesResponse retryMessages(com.asyncses.v1.RetryMessagesRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getRetryMessagesMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Cancels a message that is still queued.
     * </pre>
     */
    public com.asyncses.v1.CancelMessageResponse cancelMessage(com.asyncses.v1.CancelMessageRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getCancelMessageMethod(), getCallOptions(), request);
    }
  }

  /**
   * A stub to allow clients to do limited synchronous rpc calls to service MailService.
   * <pre>
   * Accepts messages for delivery through Amazon SES and tells what became of them.
   * </pre>
   */
  public static final class MailServiceBlockingStub
      extends io.grpc.stub.AbstractBlockingStub<MailServiceBlockingStub> {
    private MailServiceBlockingStub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected MailServiceBlockingStub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new MailServiceBlockingStub(channel, callOptions);
    }

    /**
     * <pre>
     * Accepts one message and answers with its id once it is safely queued.
     * </pre>
     */
    public com.asyncses.v1.SendResponse send(com.asyncses.v1.SendRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getSendMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Tells the state of one message.
     * </pre>
     */
    public com.asyncses.v1.GetMessageResponse getMessage(com.asyncses.v1.GetMessageRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getGetMessageMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Lists messages, newest first, optionally only those in one state.
     * </pre>
     */
    public com.asyncses.v1.ListMessagesResponse listMessages(com.asyncses.v1.ListMessagesRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getListMessagesMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Puts failed messages back in the queue, by id or all of them.
     * </pre>
     */
    public com.asyncses.v1.RetryMessagesResponse retryMessages(com.asyncses.v1.RetryMessagesRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getRetryMessagesMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Cancels a message that is still queued.
     * </pre>
     */
    public com.asyncses.v1.CancelMessageResponse cancelMessage(com.asyncses.v1.CancelMessageRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getCancelMessageMethod(), getCallOptions(), request);
    }
  }

  /**
   * A stub to allow clients to do ListenableFuture-style rpc calls to service MailService.
   * <pre>
   * Accepts messages for delivery through Amazon SES and tells what became of them.
   * </pre>
   */
  public static final class MailServiceFutureStub
      extends io.grpc.stub.AbstractFutureStub<MailServiceFutureStub> {
    private MailServiceFutureStub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected MailServiceFutureStub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new MailServiceFutureStub(channel, callOptions);
    }

    /**
     * <pre>
     * Accepts one message and answers with its id once it is safely queued.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<com.asyncses.v1.SendResponse> send(
        com.asyncses.v1.SendRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getSendMethod(), getCallOptions()), request);
    }

    /**
     * <pre>
     * Tells the state of one message.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<com.asyncses.v1.GetMessageResponse> getMessage(
        com.asyncses.v1.GetMessageRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getGetMessageMethod(), getCallOptions()), request);
    }

    /**
     * <pre>
     * Lists messages, newest first, optionally only those in one state.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<com.asyncses.v1.ListMessagesResponse> listMessages(
        com.asyncses.v1.ListMessagesRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getListMessagesMethod(), getCallOptions()), request);
    }

    /**
     * <pre>
     * Puts failed messages back in the queue, by id or all of them.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<com.asyncses.v1.RetryMessagesResponse> retryMessages(
        com.asyncses.v1.RetryMessagesRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getRetryMessagesMethod(), getCallOptions()), request);
    }

    /**
     * <pre>
     * Cancels a message that is still queued.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<com.asyncses.v1.CancelMessageResponse> cancelMessage(
        com.asyncses.v1.CancelMessageRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getCancelMessageMethod(), getCallOptions()), request);
    }
  }

  private static final int METHODID_SEND = 0;
  private static final int METHODID_GET_MESSAGE = 1;
  private static final int METHODID_LIST_MESSAGES = 2;
  private static final int METHODID_RETRY_MESSAGES = 3;
  private static final int METHODID_CANCEL_MESSAGE = 4;
  private static final int METHODID_SEND_BATCH = 5;

  private static final class MethodHandlers<Req, Resp> implements
      io.grpc.stub.ServerCalls.UnaryMethod<Req, Resp>,
      io.grpc.stub.ServerCalls.ServerStreamingMethod<Req, Resp>,
      io.grpc.stub.ServerCalls.ClientStreamingMethod<Req, Resp>,
      io.grpc.stub.ServerCalls.BidiStreamingMethod<Req, Resp> {
    private final AsyncService serviceImpl;
    private final int methodId;

    MethodHandlers(AsyncService serviceImpl, int methodId) {
      this.serviceImpl = serviceImpl;
      this.methodId = methodId;
    }

    @java.lang.Override
    @java.lang.SuppressWarnings("unchecked")
    public void invoke(Req request, io.grpc.stub.StreamObserver<Resp> responseObserver) {
      switch (methodId) {
        case METHODID_SEND:
          serviceImpl.send((com.asyncses.v1.SendRequest) request,
              (io.grpc.stub.StreamObserver<com.asyncses.v1.SendResponse>) responseObserver);
          break;
        case METHODID_GET_MESSAGE:
          serviceImpl.getMessage((com.asyncses.v1.GetMessageRequest) request,
              (io.grpc.stub.StreamObserver<com.asyncses.v1.GetMessageResponse>) responseObserver);
          break;
        case METHODID_LIST_MESSAGES:
          serviceImpl.listMessages((com.asyncses.v1.ListMessagesRequest) request,
              (io.grpc.stub.StreamObserver<com.asyncses.v1.ListMessagesResponse>) responseObserver);
          break;
        case METHODID_RETRY_MESSAGES:
          serviceImpl.retryMessages((com.asyncses.v1.RetryMessagesRequest) request,
              (io.grpc.stub.StreamObserver<com.asyncses.v1.RetryMessagesResponse>) responseObserver);
          break;
        case METHODID_CANCEL_MESSAGE:
          serviceImpl.cancelMessage((com.asyncses.v1.CancelMessageRequest) request,
              (io.grpc.stub.StreamObserver<com.asyncses.v1.CancelMessageResponse>) responseObserver);
          break;
        default:
          throw new AssertionError();
      }
    }

    @java.lang.Override
    @java.lang.SuppressWarnings("unchecked")
    public io.grpc.stub.StreamObserver<Req> invoke(
        io.grpc.stub.StreamObserver<Resp> responseObserver) {
      switch (methodId) {
        case METHODID_SEND_BATCH:
          return (io.grpc.stub.StreamObserver<Req>) serviceImpl.sendBatch(
              (io.grpc.stub.StreamObserver<com.asyncses.v1.SendBatchResponse>) responseObserver);
        default:
          throw new AssertionError();
      }
    }
  }

  public static final io.grpc.ServerServiceDefinition bindService(AsyncService service) {
    return io.grpc.ServerServiceDefinition.builder(getServiceDescriptor())
        .addMethod(
          getSendMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              com.asyncses.v1.SendRequest,
              com.asyncses.v1.SendResponse>(
                service, METHODID_SEND)))
        .addMethod(
          getSendBatchMethod(),
          io.grpc.stub.ServerCalls.asyncBidiStreamingCall(
            new MethodHandlers<
              com.asyncses.v1.SendBatchRequest,
              com.asyncses.v1.SendBatchResponse>(
                service, METHODID_SEND_BATCH)))
        .addMethod(
          getGetMessageMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              com.asyncses.v1.GetMessageRequest,
              com.asyncses.v1.GetMessageResponse>(
                service, METHODID_GET_MESSAGE)))
        .addMethod(
          getListMessagesMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              com.asyncses.v1.ListMessagesRequest,
              com.asyncses.v1.ListMessagesResponse>(
                service, METHODID_LIST_MESSAGES)))
        .addMethod(
          getRetryMessagesMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              com.asyncses.v1.RetryMessagesRequest,
              com.asyncses.v1.RetryMessagesResponse>(
                service, METHODID_RETRY_MESSAGES)))
        .addMethod(
          getCancelMessageMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              com.asyncses.v1.CancelMessageRequest,
              com.asyncses.v1.CancelMessageResponse>(
                service, METHODID_CANCEL_MESSAGE)))
        .build();
  }

  private static abstract class MailServiceBaseDescriptorSupplier
      implements io.grpc.protobuf.ProtoFileDescriptorSupplier, io.grpc.protobuf.ProtoServiceDescriptorSupplier {
    MailServiceBaseDescriptorSupplier() {}

    @java.lang.Override
    public com.google.protobuf.Descriptors.FileDescriptor getFileDescriptor() {
      return com.asyncses.v1.MailProto.getDescriptor();
    }

    @java.lang.Override
    public com.google.protobuf.Descriptors.ServiceDescriptor getServiceDescriptor() {
      return getFileDescriptor().findServiceByName("MailService");
    }
  }

  private static final class MailServiceFileDescriptorSupplier
      extends MailServiceBaseDescriptorSupplier {
    MailServiceFileDescriptorSupplier() {}
  }

  private static final class MailServiceMethodDescriptorSupplier
      extends MailServiceBaseDescriptorSupplier
      implements io.grpc.protobuf.ProtoMethodDescriptorSupplier {
    private final java.lang.String methodName;

    MailServiceMethodDescriptorSupplier(java.lang.String methodName) {
      this.methodName = methodName;
    }

    @java.lang.Override
    public com.google.protobuf.Descriptors.MethodDescriptor getMethodDescriptor() {
      return getServiceDescriptor().findMethodByName(methodName);
    }
  }

  private static volatile io.grpc.ServiceDescriptor serviceDescriptor;

  public static io.grpc.ServiceDescriptor getServiceDescriptor() {
    io.grpc.ServiceDescriptor result = serviceDescriptor;
    if (result == null) {
      synchronized (MailServiceGrpc.class) {
        result = serviceDescriptor;
        if (result == null) {
          serviceDescriptor = result = io.grpc.ServiceDescriptor.newBuilder(SERVICE_NAME)
              .setSchemaDescriptor(new MailServiceFileDescriptorSupplier())
              .addMethod(getSendMethod())
              .addMethod(getSendBatchMethod())
              .addMethod(getGetMessageMethod())
              .addMethod(getListMessagesMethod())
              .addMethod(getRetryMessagesMethod())
              .addMethod(getCancelMessageMethod())
              .build();
        }
      }
    }
    return result;
  }
}
