using Weft.Api.Binding;

namespace Weft.Api.Model.Networking;

/// <summary>The simple load balancing algorithms.</summary>
[WireCase(WireCase.UpperSnake)]
public enum SimpleLB
{
    Unspecified,
    LeastConn,
    Random,
    Passthrough,
    RoundRobin,
    LeastRequest,
}
