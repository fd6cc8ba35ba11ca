using Weft.Api.Binding;

namespace Weft.Api.Model.Networking;

/// <summary>ServerTLSSettings.TLSmode; unset means PASSTHROUGH.</summary>
[WireCase(WireCase.UpperSnake)]
public enum ServerTlsMode
{
    Passthrough,
    Simple,
    Mutual,
    AutoPassthrough,
    IstioMutual,
    OptionalMutual,
}
