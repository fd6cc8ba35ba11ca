using Weft.Api.Binding;

namespace Weft.Api.Model.Mesh;

/// <summary>AuthenticationPolicy: how a proxy authenticates to the control plane.</summary>
[WireCase(WireCase.UpperSnake)]
public enum ProxyAuthenticationPolicy
{
    None,
    MutualTls,
    /// <summary>Use the parent scope's; not for the mesh default.</summary>
    Inherit,
}
