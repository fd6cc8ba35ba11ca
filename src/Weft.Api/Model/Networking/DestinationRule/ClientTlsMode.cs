using Weft.Api.Binding;

namespace Weft.Api.Model.Networking;

/// <summary>ClientTLSSettings.TLSmode; unset means DISABLE.</summary>
[WireCase(WireCase.UpperSnake)]
public enum ClientTlsMode
{
    Disable,
    Simple,
    Mutual,
    IstioMutual,
}
