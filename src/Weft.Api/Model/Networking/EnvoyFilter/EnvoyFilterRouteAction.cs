using Weft.Api.Binding;

namespace Weft.Api.Model.Networking;

[WireCase(WireCase.UpperSnake)]
public enum EnvoyFilterRouteAction
{
    Any,
    Route,
    Redirect,
    DirectResponse,
}
