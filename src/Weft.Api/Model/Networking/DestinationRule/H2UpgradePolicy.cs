using Weft.Api.Binding;

namespace Weft.Api.Model.Networking;

/// <summary>Whether HTTP/1.1 connections to the destination are upgraded to HTTP/2.</summary>
[WireCase(WireCase.UpperSnake)]
public enum H2UpgradePolicy
{
    Default,
    DoNotUpgrade,
    Upgrade,
}
