using Weft.Api.Binding;

namespace Weft.Api.Model.Networking;

/// <summary>How a redirect picks its port when none is given.</summary>
[WireCase(WireCase.UpperSnake)]
public enum RedirectPortSelection
{
    FromProtocolDefault,
    FromRequestPort,
}
