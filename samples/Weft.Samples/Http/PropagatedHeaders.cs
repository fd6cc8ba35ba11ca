using System.Collections.Immutable;

namespace Weft.Samples.Http;

/// <summary>
/// The inbound headers a sample copies onto its outbound calls, as Istio asks applications to:
/// the sidecars create spans, but only the application can tie an inbound request to the
/// calls it causes.
/// </summary>
public static class PropagatedHeaders
{
    /// <summary>Request id, W3C trace context and baggage, B3 (multi and single header), OpenTracing.</summary>
    public static readonly ImmutableArray<string> Tracing =
    [
        "x-request-id",
        "traceparent", "tracestate", "baggage",
        "x-b3-traceid", "x-b3-spanid", "x-b3-parentspanid", "x-b3-sampled", "x-b3-flags", "b3",
        "x-ot-span-context",
    ];

    /// <summary>The travel demo's business headers; its sidecars tag spans with them and its services route on them.</summary>
    public static readonly ImmutableArray<string> Travel = [.. Tracing, "portal", "device", "user", "travel"];

    /// <summary>Bookinfo's: <c>end-user</c> is what the "jason" routes of Istio's tasks match.</summary>
    public static readonly ImmutableArray<string> Bookinfo = [.. Tracing, "end-user", "user-agent", "cookie", "authorization"];
}
