using Weft.Api.Binding;

namespace Weft.Api.Model.Networking;

/// <summary>EnvoyFilter.Patch.FilterClass: where an added HTTP filter goes relative to Istio's own.</summary>
[WireCase(WireCase.UpperSnake)]
public enum EnvoyFilterFilterClass
{
    Unspecified,
    Authn,
    Authz,
    Stats,
}
