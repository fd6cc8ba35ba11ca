using Weft.Api.Binding;

namespace Weft.Api.Model.Mesh;

/// <summary>Topology.ForwardClientCertDetails: what happens to the x-forwarded-client-cert header.</summary>
[WireCase(WireCase.UpperSnake)]
public enum ForwardClientCertDetails
{
    Undefined,
    Sanitize,
    ForwardOnly,
    AppendForward,
    SanitizeSet,
    AlwaysForwardOnly,
}
