package com.asyncses.v1;

import static io.grpc.MethodDescriptor.generateFullMethodName;

/**
 * <pre>
 * Manages the addresses and domains SES lets the account send from.
 * </pre>
 */
@io.grpc.stub.annotations.GrpcGenerated
public final class IdentityServiceGrpc {

  private IdentityServiceGrpc() {}

  public static final java.lang.String SERVICE_NAME = "asyncses.v1.IdentityService";

  // Static method descriptors that strictly reflect the proto.
  private static volatile io.grpc.MethodDescriptor<com.asyncses.v1.ListIdentitiesRequest,
      com.asyncses.v1.ListIdentitiesResponse> getListIdentitiesMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "ListIdentities",
      requestType = com.asyncses.v1.ListIdentitiesRequest.class,
      responseType = com.asyncses.v1.ListIdentitiesResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<com.asyncses.v1.ListIdentitiesRequest,
      com.asyncses.v1.ListIdentitiesResponse> getListIdentitiesMethod() {
    io.grpc.MethodDescriptor<com.asyncses.v1.ListIdentitiesRequest, com.asyncses.v1.ListIdentitiesResponse> getListIdentitiesMethod;
    if ((getListIdentitiesMethod = IdentityServiceGrpc.getListIdentitiesMethod) == null) {
      synchronized (IdentityServiceGrpc.class) {
        if ((getListIdentitiesMethod = IdentityServiceGrpc.getListIdentitiesMethod) == null) {
          IdentityServiceGrpc.getListIdentitiesMethod = getListIdentitiesMethod =
              io.grpc.MethodDescriptor.<com.asyncses.v1.ListIdentitiesRequest, com.asyncses.v1.ListIdentitiesResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "ListIdentities"))
              .setSafe(true)
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  com.asyncses.v1.ListIdentitiesRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  com.asyncses.v1.ListIdentitiesResponse.getDefaultInstance()))
              .setSchemaDescriptor(new IdentityServiceMethodDescriptorSupplier("ListIdentities"))
              .build();
        }
      }
    }
    return getListIdentitiesMethod;
  }

  private static volatile io.grpc.MethodDescriptor<com.asyncses.v1.VerifyEmailRequest,
      com.asyncses.v1.VerifyEmailResponse> getVerifyEmailMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "VerifyEmail",
      requestType = com.asyncses.v1.VerifyEmailRequest.class,
      responseType = com.asyncses.v1.VerifyEmailResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<com.asyncses.v1.VerifyEmailRequest,
      com.asyncses.v1.VerifyEmailResponse> getVerifyEmailMethod() {
    io.grpc.MethodDescriptor<com.asyncses.v1.VerifyEmailRequest, com.asyncses.v1.VerifyEmailResponse> getVerifyEmailMethod;
    if ((getVerifyEmailMethod = IdentityServiceGrpc.getVerifyEmailMethod) == null) {
      synchronized (IdentityServiceGrpc.class) {
        if ((getVerifyEmailMethod = IdentityServiceGrpc.getVerifyEmailMethod) == null) {
          IdentityServiceGrpc.getVerifyEmailMethod = getVerifyEmailMethod =
              io.grpc.MethodDescriptor.<com.asyncses.v1.VerifyEmailRequest, com.asyncses.v1.VerifyEmailResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "VerifyEmail"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  com.asyncses.v1.VerifyEmailRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  com.asyncses.v1.VerifyEmailResponse.getDefaultInstance()))
              .setSchemaDescriptor(new IdentityServiceMethodDescriptorSupplier("VerifyEmail"))
              .build();
        }
      }
    }
    return getVerifyEmailMethod;
  }

  private static volatile io.grpc.MethodDescriptor<com.asyncses.v1.DeleteIdentityRequest,
      com.asyncses.v1.DeleteIdentityResponse> getDeleteIdentityMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "DeleteIdentity",
      requestType = com.asyncses.v1.DeleteIdentityRequest.class,
      responseType = com.asyncses.v1.DeleteIdentityResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<com.asyncses.v1.DeleteIdentityRequest,
      com.asyncses.v1.DeleteIdentityResponse> getDeleteIdentityMethod() {
    io.grpc.MethodDescriptor<com.asyncses.v1.DeleteIdentityRequest, com.asyncses.v1.DeleteIdentityResponse> getDeleteIdentityMethod;
    if ((getDeleteIdentityMethod = IdentityServiceGrpc.getDeleteIdentityMethod) == null) {
      synchronized (IdentityServiceGrpc.class) {
        if ((getDeleteIdentityMethod = IdentityServiceGrpc.getDeleteIdentityMethod) == null) {
          IdentityServiceGrpc.getDeleteIdentityMethod = getDeleteIdentityMethod =
              io.grpc.MethodDescriptor.<com.asyncses.v1.DeleteIdentityRequest, com.asyncses.v1.DeleteIdentityResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "DeleteIdentity"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  com.asyncses.v1.DeleteIdentityRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  com.asyncses.v1.DeleteIdentityResponse.getDefaultInstance()))
              .setSchemaDescriptor(new IdentityServiceMethodDescriptorSupplier("DeleteIdentity"))
              .build();
        }
      }
    }
    return getDeleteIdentityMethod;
  }

  /**
   * Creates a new async stub that supports all call types for the service
   */
  public static IdentityServiceStub newStub(io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<IdentityServiceStub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<IdentityServiceStub>() {
        @java.lang.Override
        public IdentityServiceStub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new IdentityServiceStub(channel, callOptions);
        }
      };
    return IdentityServiceStub.newStub(factory, channel);
  }

  /**
   * Creates a new blocking-style stub that supports all types of calls on the service
   */
  public static IdentityServiceBlockingV2Stub newBlockingV2Stub(
      io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<IdentityServiceBlockingV2Stub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<IdentityServiceBlockingV2Stub>() {
        @java.lang.Override
        public IdentityServiceBlockingV2Stub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new IdentityServiceBlockingV2Stub(channel, callOptions);
        }
      };
    return IdentityServiceBlockingV2Stub.newStub(factory, channel);
  }

  /**
   * Creates a new blocking-style stub that supports unary and streaming output calls on the service
   */
  public static IdentityServiceBlockingStub newBlockingStub(
      io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<IdentityServiceBlockingStub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<IdentityServiceBlockingStub>() {
        @java.lang.Override
        public IdentityServiceBlockingStub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new IdentityServiceBlockingStub(channel, callOptions);
        }
      };
    return IdentityServiceBlockingStub.newStub(factory, channel);
  }

  /**
   * Creates a new ListenableFuture-style stub that supports unary calls on the service
   */
  public static IdentityServiceFutureStub newFutureStub(
      io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<IdentityServiceFutureStub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<IdentityServiceFutureStub>() {
        @java.lang.Override
        public IdentityServiceFutureStub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new IdentityServiceFutureStub(channel, callOptions);
        }
      };
    return IdentityServiceFutureStub.newStub(factory, channel);
  }

  /**
   * <pre>
   * Manages the addresses and domains SES lets the account send from.
   * </pre>
   */
  public interface AsyncService {

    /**
     * <pre>
     * Lists the account's identities with their verification status.
     * </pre>
     */
    default void listIdentities(com.asyncses.v1.ListIdentitiesRequest request,
        io.grpc.stub.StreamObserver<com.asyncses.v1.ListIdentitiesResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getListIdentitiesMethod(), responseObserver);
    }

    /**
     * <pre>
     * Starts verifying an email address: SES mails it a confirmation link.
     * </pre>
     */
    default void verifyEmail(com.asyncses.v1.VerifyEmailRequest request,
        io.grpc.stub.StreamObserver<com.asyncses.v1.VerifyEmailResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getVerifyEmailMethod(), responseObserver);
    }

    /**
     * <pre>
     * Removes an email address or domain from the account's identities.
     * </pre>
     */
    default void deleteIdentity(com.asyncses.v1.DeleteIdentityRequest request,
        io.grpc.stub.StreamObserver<com.asyncses.v1.DeleteIdentityResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getDeleteIdentityMethod(), responseObserver);
    }
  }

  /**
   * Base class for the server implementation of the service IdentityService.
   * <pre>
   * Manages the addresses and domains SES lets the account send from.
   * </pre>
   */
  public static abstract class IdentityServiceImplBase
      implements io.grpc.BindableService, AsyncService {

    @java.lang.Override public final io.grpc.ServerServiceDefinition bindService() {
      return IdentityServiceGrpc.bindService(this);
    }
  }

  /**
   * A stub to allow clients to do asynchronous rpc calls to service IdentityService.
   * <pre>
   * Manages the addresses and domains SES lets the account send from.
   * </pre>
   */
  public static final class IdentityServiceStub
      extends io.grpc.stub.AbstractAsyncStub<IdentityServiceStub> {
    private IdentityServiceStub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected IdentityServiceStub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new IdentityServiceStub(channel, callOptions);
    }

    /**
     * <pre>
     * Lists the account's identities with their verification status.
     * </pre>
     */
    public void listIdentities(com.asyncses.v1.ListIdentitiesRequest request,
        io.grpc.stub.StreamObserver<com.asyncses.v1.ListIdentitiesResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getListIdentitiesMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * Starts verifying an email address: SES mails it a confirmation link.
     * </pre>
     */
    public void verifyEmail(com.asyncses.v1.VerifyEmailRequest request,
        io.grpc.stub.StreamObserver<com.asyncses.v1.VerifyEmailResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getVerifyEmailMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * Removes an email address or domain from the account's identities.
     * </pre>
     */
    public void deleteIdentity(com.asyncses.v1.DeleteIdentityRequest request,
        io.grpc.stub.StreamObserver<com.asyncses.v1.DeleteIdentityResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getDeleteIdentityMethod(), getCallOptions()), request, responseObserver);
    }
  }

  /**
   * A stub to allow clients to do synchronous rpc calls to service IdentityService.
   * <pre>
   * Manages the addresses and domains SES lets the account send from.
   * </pre>
   */
  public static final class IdentityServiceBlockingV2Stub
      extends io.grpc.stub.AbstractBlockingStub<IdentityServiceBlockingV2Stub> {
    private IdentityServiceBlockingV2Stub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected IdentityServiceBlockingV2Stub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new IdentityServiceBlockingV2Stub(channel, callOptions);
    }

    /**
     * <pre>
     * Lists the account's identities with their verification status.
     * </pre>
     */
    public com.asyncses.v1.ListIdentitiesResponse listIdentities(com.asyncses.v1.ListIdentitiesRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getListIdentitiesMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Starts verifying an email address: SES mails it a confirmation link.
     * </pre>
     */
    public com.asyncses.v1.VerifyEmailResponse verifyEmail(com.asyncses.v1.VerifyEmailRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getVerifyEmailMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Removes an email address or domain from the account's identities.
     * </pre>
     */
    public com.asyncses.v1.DeleteIdentityResponse deleteIdentity(com.asyncses.v1.DeleteIdentityRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getDeleteIdentityMethod(), getCallOptions(), request);
    }
  }

  /**
   * A stub to allow clients to do limited synchronous rpc calls to service IdentityService.
   * <pre>
   * Manages the addresses and domains SES lets the account send from.
   * </pre>
   */
  public static final class IdentityServiceBlockingStub
      extends io.grpc.stub.AbstractBlockingStub<IdentityServiceBlockingStub> {
    private IdentityServiceBlockingStub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected IdentityServiceBlockingStub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new IdentityServiceBlockingStub(channel, callOptions);
    }

    /**
     * <pre>
     * Lists the account's identities with their verification status.
     * </pre>
     */
    public com.asyncses.v1.ListIdentitiesResponse listIdentities(com.asyncses.v1.ListIdentitiesRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getListIdentitiesMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Starts verifying an email address: SES mails it a confirmation link.
     * </pre>
     */
    public com.asyncses.v1.VerifyEmailResponse verifyEmail(com.asyncses.v1.VerifyEmailRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getVerifyEmailMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Removes an email address or domain from the account's identities.
     * </pre>
     */
    public com.asyncses.v1.DeleteIdentityResponse deleteIdentity(com.asyncses.v1.DeleteIdentityRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getDeleteIdentityMethod(), getCallOptions(), request);
    }
  }

  /**
   * A stub to allow clients to do ListenableFuture-style rpc calls to service IdentityService.
   * <pre>
   * Manages the addresses and domains SES lets the account send from.
   * </pre>
   */
  public static final class IdentityServiceFutureStub
      extends io.grpc.stub.AbstractFutureStub<IdentityServiceFutureStub> {
    private IdentityServiceFutureStub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected IdentityServiceFutureStub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new IdentityServiceFutureStub(channel, callOptions);
    }

    /**
     * <pre>
     * Lists the account's identities with their verification status.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<com.asyncses.v1.ListIdentitiesResponse> listIdentities(
        com.asyncses.v1.ListIdentitiesRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getListIdentitiesMethod(), getCallOptions()), request);
    }

    /**
     * <pre>
     * Starts verifying an email address: SES mails it a confirmation link.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<com.asyncses.v1.VerifyEmailResponse> verifyEmail(
        com.asyncses.v1.VerifyEmailRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getVerifyEmailMethod(), getCallOptions()), request);
    }

    /**
     * <pre>
     * Removes an email address or domain from the account's identities.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<com.asyncses.v1.DeleteIdentityResponse> deleteIdentity(
        com.asyncses.v1.DeleteIdentityRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getDeleteIdentityMethod(), getCallOptions()), request);
    }
  }

  private static final int METHODID_LIST_IDENTITIES = 0;
  private static final int METHODID_VERIFY_EMAIL = 1;
  private static final int METHODID_DELETE_IDENTITY = 2;

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
        case METHODID_LIST_IDENTITIES:
          serviceImpl.listIdentities((com.asyncses.v1.ListIdentitiesRequest) request,
              (io.grpc.stub.StreamObserver<com.asyncses.v1.ListIdentitiesResponse>) responseObserver);
          break;
        case METHODID_VERIFY_EMAIL:
          serviceImpl.verifyEmail((com.asyncses.v1.VerifyEmailRequest) request,
              (io.grpc.stub.StreamObserver<com.asyncses.v1.VerifyEmailResponse>) responseObserver);
          break;
        case METHODID_DELETE_IDENTITY:
          serviceImpl.deleteIdentity((com.asyncses.v1.DeleteIdentityRequest) request,
              (io.grpc.stub.StreamObserver<com.asyncses.v1.DeleteIdentityResponse>) responseObserver);
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
          getListIdentitiesMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              com.asyncses.v1.ListIdentitiesRequest,
              com.asyncses.v1.ListIdentitiesResponse>(
                service, METHODID_LIST_IDENTITIES)))
        .addMethod(
          getVerifyEmailMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              com.asyncses.v1.VerifyEmailRequest,
              com.asyncses.v1.VerifyEmailResponse>(
                service, METHODID_VERIFY_EMAIL)))
        .addMethod(
          getDeleteIdentityMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              com.asyncses.v1.DeleteIdentityRequest,
              com.asyncses.v1.DeleteIdentityResponse>(
                service, METHODID_DELETE_IDENTITY)))
        .build();
  }

  private static abstract class IdentityServiceBaseDescriptorSupplier
      implements io.grpc.protobuf.ProtoFileDescriptorSupplier, io.grpc.protobuf.ProtoServiceDescriptorSupplier {
    IdentityServiceBaseDescriptorSupplier() {}

    @java.lang.Override
    public com.google.protobuf.Descriptors.FileDescriptor getFileDescriptor() {
      return com.asyncses.v1.IdentityProto.getDescriptor();
    }

    @java.lang.Override
    public com.google.protobuf.Descriptors.ServiceDescriptor getServiceDescriptor() {
      return getFileDescriptor().findServiceByName("IdentityService");
    }
  }

  private static final class IdentityServiceFileDescriptorSupplier
      extends IdentityServiceBaseDescriptorSupplier {
    IdentityServiceFileDescriptorSupplier() {}
  }

  private static final class IdentityServiceMethodDescriptorSupplier
      extends IdentityServiceBaseDescriptorSupplier
      implements io.grpc.protobuf.ProtoMethodDescriptorSupplier {
    private final java.lang.String methodName;

    IdentityServiceMethodDescriptorSupplier(java.lang.String methodName) {
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
      synchronized (IdentityServiceGrpc.class) {
        result = serviceDescriptor;
        if (result == null) {
          serviceDescriptor = result = io.grpc.ServiceDescriptor.newBuilder(SERVICE_NAME)
              .setSchemaDescriptor(new IdentityServiceFileDescriptorSupplier())
              .addMethod(getListIdentitiesMethod())
              .addMethod(getVerifyEmailMethod())
              .addMethod(getDeleteIdentityMethod())
              .build();
        }
      }
    }
    return result;
  }
}
