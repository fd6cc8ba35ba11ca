using Weft.Api.Binding;

namespace Weft.Api.Model.Networking;

/// <summary>HTTPFaultInjection.Abort: answer with an error instead of forwarding.</summary>
[WireNullsAreAbsent]
public sealed record FaultAbort
{
    public int? HttpStatus { get; init; }
    public string? GrpcStatus { get; init; }
    public string? Http2Error { get; init; }
    public Percent? Percentage { get; init; }
}
