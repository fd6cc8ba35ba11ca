using Weft.Api.Binding;

namespace Weft.Api.Model.Networking;

/// <summary>Faults injected into a share of requests: a delay, an abort, or both.</summary>
[WireNullsAreAbsent]
public sealed record HttpFaultInjection
{
    public FaultDelay? Delay { get; init; }
    public FaultAbort? Abort { get; init; }
}
