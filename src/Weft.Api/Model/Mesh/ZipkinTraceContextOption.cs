using Weft.Api.Binding;

namespace Weft.Api.Model.Mesh;

/// <summary>ZipkinTracingProvider.TraceContextOption: which trace headers are read and written.</summary>
[WireCase(WireCase.UpperSnake)]
public enum ZipkinTraceContextOption
{
    /// <summary>B3 headers only (the default).</summary>
    UseB3,
    /// <summary>B3 first, W3C traceparent as a fallback; both written upstream.</summary>
    [Wire("USE_B3_WITH_W3C_PROPAGATION")]
    UseB3WithW3cPropagation,
}
