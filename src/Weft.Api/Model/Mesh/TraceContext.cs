using Weft.Api.Binding;

namespace Weft.Api.Model.Mesh;

/// <summary>OpenCensus TraceContext: a trace header format.</summary>
public enum TraceContext
{
    [Wire("UNSPECIFIED")]
    Unspecified,
    /// <summary>W3C traceparent.</summary>
    [Wire("W3C_TRACE_CONTEXT")]
    W3cTraceContext,
    /// <summary>grpc-trace-bin.</summary>
    [Wire("GRPC_BIN")]
    GrpcBin,
    /// <summary>X-Cloud-Trace-Context.</summary>
    [Wire("CLOUD_TRACE_CONTEXT")]
    CloudTraceContext,
    /// <summary>X-B3-* headers.</summary>
    [Wire("B3")]
    B3,
}
