using Weft.Api.Binding;

namespace Weft.Api.Model.Mesh;

/// <summary>MeshConfig.IngressControllerMode: which Kubernetes Ingress resources Istio serves.</summary>
[WireCase(WireCase.UpperSnake)]
public enum IngressControllerMode
{
    Unspecified,
    /// <summary>None.</summary>
    Off,
    /// <summary>Those without a class and those of <c>ingressClass</c>.</summary>
    Default,
    /// <summary>Only those of <c>ingressClass</c> (the default).</summary>
    Strict,
}
