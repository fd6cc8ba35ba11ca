using Weft.Api.Binding;

namespace Weft.Api.Model.Networking;

[WireCase(WireCase.UpperSnake)]
public enum ProxyProtocolVersion
{
    V1,
    V2,
}
