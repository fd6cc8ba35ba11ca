using Weft.Api.Binding;

namespace Weft.Api.Model.Networking;

/// <summary>How a ServiceEntry's endpoints are found; unset means NONE (forward to the original address).</summary>
[WireCase(WireCase.UpperSnake)]
public enum ServiceEntryResolution
{
    None,
    Static,
    Dns,
    DnsRoundRobin,
    DynamicDns,
}
