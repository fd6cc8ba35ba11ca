using Weft.Api.Binding;

namespace Weft.Api.Model.Mesh;

/// <summary>ProxyConfig.TracingServiceName: how a proxy names itself in spans.</summary>
[WireCase(WireCase.UpperSnake)]
public enum TracingServiceName
{
    /// <summary>The app label and the namespace (the default).</summary>
    AppLabelAndNamespace,
    CanonicalNameOnly,
    CanonicalNameAndNamespace,
}
