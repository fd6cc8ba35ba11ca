using Weft.Api.Binding;

namespace Weft.Api.Model.Mesh;

/// <summary>MeshConfig.H2UpgradePolicy: whether HTTP/1.1 connections are upgraded to HTTP/2 by default.</summary>
[WireCase(WireCase.UpperSnake)]
public enum MeshH2UpgradePolicy
{
    DoNotUpgrade,
    Upgrade,
}
