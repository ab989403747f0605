package com.asyncses.v1;

import static io.grpc.MethodDescriptor.generateFullMethodName;

/**
 * <pre>
 * Reads the SES account's sending limits and statistics.
 * </pre>
 */
@io.grpc.stub.annotations.GrpcGenerated
public final class AccountServiceGrpc {

  private AccountServiceGrpc() {}

  public static final java.lang.String SERVICE_NAME = "asyncses.v1.AccountService";

  // Static method descriptors that strictly reflect the proto.
  private static volatile io.grpc.MethodDescriptor<com.asyncses.v1.QuotaRequest,
      com.asyncses.v1.QuotaResponse> getQuotaMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "Quota",
      requestType = com.asyncses.v1.QuotaRequest.class,
      responseType = com.asyncses.v1.QuotaResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<com.asyncses.v1.QuotaRequest,
      com.asyncses.v1.QuotaResponse> getQuotaMethod() {
    io.grpc.MethodDescriptor<com.asyncses.v1.QuotaRequest, com.asyncses.v1.QuotaResponse> getQuotaMethod;
    if ((getQuotaMethod = AccountServiceGrpc.getQuotaMethod) == null) {
      synchronized (AccountServiceGrpc.class) {
        if ((getQuotaMethod = AccountServiceGrpc.getQuotaMethod) == null) {
          AccountServiceGrpc.getQuotaMethod = getQuotaMethod =
              io.grpc.MethodDescriptor.<com.asyncses.v1.QuotaRequest, com.asyncses.v1.QuotaResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "Quota"))
              .setSafe(true)
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  com.asyncses.v1.QuotaRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  com.asyncses.v1.QuotaResponse.getDefaultInstance()))
              .setSchemaDescriptor(new AccountServiceMethodDescriptorSupplier("Quota"))
              .build();
        }
      }
    }
    return getQuotaMethod;
  }

  private static volatile io.grpc.MethodDescriptor<com.asyncses.v1.StatisticsRequest,
      com.asyncses.v1.StatisticsResponse> getStatisticsMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "Statistics",
      requestType = com.asyncses.v1.StatisticsRequest.class,
      responseType = com.asyncses.v1.StatisticsResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<com.asyncses.v1.StatisticsRequest,
      com.asyncses.v1.StatisticsResponse> getStatisticsMethod() {
    io.grpc.MethodDescriptor<com.asyncses.v1.StatisticsRequest, com.asyncses.v1.StatisticsResponse> getStatisticsMethod;
    if ((getStatisticsMethod = AccountServiceGrpc.getStatisticsMethod) == null) {
      synchronized (AccountServiceGrpc.class) {
        if ((getStatisticsMethod = AccountServiceGrpc.getStatisticsMethod) == null) {
          AccountServiceGrpc.getStatisticsMethod = getStatisticsMethod =
              io.grpc.MethodDescriptor.<com.asyncses.v1.StatisticsRequest, com.asyncses.v1.StatisticsResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "Statistics"))
              .setSafe(true)
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  com.asyncses.v1.StatisticsRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  com.asyncses.v1.StatisticsResponse.getDefaultInstance()))
              .setSchemaDescriptor(new AccountServiceMethodDescriptorSupplier("Statistics"))
              .build();
        }
      }
    }
    return getStatisticsMethod;
  }

  /**
   * Creates a new async stub that supports all call types for the service
   */
  public static AccountServiceStub newStub(io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<AccountServiceStub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<AccountServiceStub>() {
        @java.lang.Override
        public AccountServiceStub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new AccountServiceStub(channel, callOptions);
        }
      };
    return AccountServiceStub.newStub(factory, channel);
  }

  /**
   * Creates a new blocking-style stub that supports all types of calls on the service
   */
  public static AccountServiceBlockingV2Stub newBlockingV2Stub(
      io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<AccountServiceBlockingV2Stub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<AccountServiceBlockingV2Stub>() {
        @java.lang.Override
        public AccountServiceBlockingV2Stub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new AccountServiceBlockingV2Stub(channel, callOptions);
        }
      };
    return AccountServiceBlockingV2Stub.newStub(factory, channel);
  }

  /**
   * Creates a new blocking-style stub that supports unary and streaming output calls on the service
   */
  public static AccountServiceBlockingStub newBlockingStub(
      io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<AccountServiceBlockingStub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<AccountServiceBlockingStub>() {
        @java.lang.Override
        public AccountServiceBlockingStub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new AccountServiceBlockingStub(channel, callOptions);
        }
      };
    return AccountServiceBlockingStub.newStub(factory, channel);
  }

  /**
   * Creates a new ListenableFuture-style stub that supports unary calls on the service
   */
  public static AccountServiceFutureStub newFutureStub(
      io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<AccountServiceFutureStub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<AccountServiceFutureStub>() {
        @java.lang.Override
        public AccountServiceFutureStub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new AccountServiceFutureStub(channel, callOptions);
        }
      };
    return AccountServiceFutureStub.newStub(factory, channel);
  }

  /**
   * <pre>
   * Reads the SES account's sending limits and statistics.
   * </pre>
   */
  public interface AsyncService {

    /**
     * <pre>
     * The account's sending quota (SES GetSendQuota).
     * </pre>
     */
    default void quota(com.asyncses.v1.QuotaRequest request,
        io.grpc.stub.StreamObserver<com.asyncses.v1.QuotaResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getQuotaMethod(), responseObserver);
    }

    /**
     * <pre>
     * The account's sending statistics for the last two weeks (SES GetSendStatistics).
     * </pre>
     */
    default void statistics(com.asyncses.v1.StatisticsRequest request,
        io.grpc.stub.StreamObserver<com.asyncses.v1.StatisticsResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getStatisticsMethod(), responseObserver);
    }
  }

  /**
   * Base class for the server implementation of the service AccountService.
   * <pre>
   * Reads the SES account's sending limits and statistics.
   * </pre>
   */
  public static abstract class AccountServiceImplBase
      implements io.grpc.BindableService, AsyncService {

    @java.lang.Override public final io.grpc.ServerServiceDefinition bindService() {
      return AccountServiceGrpc.bindService(this);
    }
  }

  /**
   * A stub to allow clients to do asynchronous rpc calls to service AccountService.
   * <pre>
   * Reads the SES account's sending limits and statistics.
   * </pre>
   */
  public static final class AccountServiceStub
      extends io.grpc.stub.AbstractAsyncStub<AccountServiceStub> {
    private AccountServiceStub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected AccountServiceStub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new AccountServiceStub(channel, callOptions);
    }

    /**
     * <pre>
     * The account's sending quota (SES GetSendQuota).
     * </pre>
     */
    public void quota(com.asyncses.v1.QuotaRequest request,
        io.grpc.stub.StreamObserver<com.asyncses.v1.QuotaResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getQuotaMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * The account's sending statistics for the last two weeks (SES GetSendStatistics).
     * </pre>
     */
    public void statistics(com.asyncses.v1.StatisticsRequest request,
        io.grpc.stub.StreamObserver<com.asyncses.v1.StatisticsResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getStatisticsMethod(), getCallOptions()), request, responseObserver);
    }
  }

  /**
   * A stub to allow clients to do synchronous rpc calls to service AccountService.
   * <pre>
   * Reads the SES account's sending limits and statistics.
   * </pre>
   */
  public static final class AccountServiceBlockingV2Stub
      extends io.grpc.stub.AbstractBlockingStub<AccountServiceBlockingV2Stub> {
    private AccountServiceBlockingV2Stub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected AccountServiceBlockingV2Stub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new AccountServiceBlockingV2Stub(channel, callOptions);
    }

    /**
     * <pre>
     * The account's sending quota (SES GetSendQuota).
     * </pre>
     */
    public com.asyncses.v1.QuotaResponse quota(com.asyncses.v1.QuotaRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getQuotaMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * The account's sending statistics for the last two weeks (SES GetSendStatistics).
     * </pre>
     */
    public com.asyncses.v1.StatisticsResponse statistics(com.asyncses.v1.StatisticsRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getStatisticsMethod(), getCallOptions(), request);
    }
  }

  /**
   * A stub to allow clients to do limited synchronous rpc calls to service AccountService.
   * <pre>
   * Reads the SES account's sending limits and statistics.
   * </pre>
   */
  public static final class AccountServiceBlockingStub
      extends io.grpc.stub.AbstractBlockingStub<AccountServiceBlockingStub> {
    private AccountServiceBlockingStub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected AccountServiceBlockingStub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new AccountServiceBlockingStub(channel, callOptions);
    }

    /**
     * <pre>
     * The account's sending quota (SES GetSendQuota).
     * </pre>
     */
    public com.asyncses.v1.QuotaResponse quota(com.asyncses.v1.QuotaRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getQuotaMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * The account's sending statistics for the last two weeks (SES GetSendStatistics).
     * </pre>
     */
    public com.asyncses.v1.StatisticsResponse statistics(com.asyncses.v1.StatisticsRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getStatisticsMethod(), getCallOptions(), request);
    }
  }

  /**
   * A stub to allow clients to do ListenableFuture-style rpc calls to service AccountService.
   * <pre>
   * Reads the SES account's sending limits and statistics.
   * </pre>
   */
  public static final class AccountServiceFutureStub
      extends io.grpc.stub.AbstractFutureStub<AccountServiceFutureStub> {
    private AccountServiceFutureStub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected AccountServiceFutureStub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new AccountServiceFutureStub(channel, callOptions);
    }

    /**
     * <pre>
     * The account's sending quota (SES GetSendQuota).
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<com.asyncses.v1.QuotaResponse> quota(
        com.asyncses.v1.QuotaRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getQuotaMethod(), getCallOptions()), request);
    }

    /**
     * <pre>
     * The account's sending statistics for the last two weeks (SES GetSendStatistics).
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<com.asyncses.v1.StatisticsResponse> statistics(
        com.asyncses.v1.StatisticsRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getStatisticsMethod(), getCallOptions()), request);
    }
  }

  private static final int METHODID_QUOTA = 0;
  private static final int METHODID_STATISTICS = 1;

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
        case METHODID_QUOTA:
          serviceImpl.quota((com.asyncses.v1.QuotaRequest) request,
              (io.grpc.stub.StreamObserver<com.asyncses.v1.QuotaResponse>) responseObserver);
          break;
        case METHODID_STATISTICS:
          serviceImpl.statistics((com.asyncses.v1.StatisticsRequest) request,
              (io.grpc.stub.StreamObserver<com.asyncses.v1.StatisticsResponse>) responseObserver);
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
        default:
          throw new AssertionError();
      }
    }
  }

  public static final io.grpc.ServerServiceDefinition bindService(AsyncService service) {
    return io.grpc.ServerServiceDefinition.builder(getServiceDescriptor())
        .addMethod(
          getQuotaMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              com.asyncses.v1.QuotaRequest,
              com.asyncses.v1.QuotaResponse>(
                service, METHODID_QUOTA)))
        .addMethod(
          getStatisticsMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              com.asyncses.v1.StatisticsRequest,
              com.asyncses.v1.StatisticsResponse>(
                service, METHODID_STATISTICS)))
        .build();
  }

  private static abstract class AccountServiceBaseDescriptorSupplier
      implements io.grpc.protobuf.ProtoFileDescriptorSupplier, io.grpc.protobuf.ProtoServiceDescriptorSupplier {
    AccountServiceBaseDescriptorSupplier() {}

    @java.lang.Override
    public com.google.protobuf.Descriptors.FileDescriptor getFileDescriptor() {
      return com.asyncses.v1.AccountProto.getDescriptor();
    }

    @java.lang.Override
    public com.google.protobuf.Descriptors.ServiceDescriptor getServiceDescriptor() {
      return getFileDescriptor().findServiceByName("AccountService");
    }
  }

  private static final class AccountServiceFileDescriptorSupplier
      extends AccountServiceBaseDescriptorSupplier {
    AccountServiceFileDescriptorSupplier() {}
  }

  private static final class AccountServiceMethodDescriptorSupplier
      extends AccountServiceBaseDescriptorSupplier
      implements io.grpc.protobuf.ProtoMethodDescriptorSupplier {
    private final java.lang.String methodName;

    AccountServiceMethodDescriptorSupplier(java.lang.String methodName) {
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
      synchronized (AccountServiceGrpc.class) {
        result = serviceDescriptor;
        if (result == null) {
          serviceDescriptor = result = io.grpc.ServiceDescriptor.newBuilder(SERVICE_NAME)
              .setSchemaDescriptor(new AccountServiceFileDescriptorSupplier())
              .addMethod(getQuotaMethod())
              .addMethod(getStatisticsMethod())
              .build();
        }
      }
    }
    return result;
  }
}
