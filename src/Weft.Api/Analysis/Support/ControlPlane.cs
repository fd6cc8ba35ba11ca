using Weft.Api.Model.Meta;

namespace Weft.Api.Analysis.Support;

/// <summary>Objects of the control plane itself (labelled <c>istio</c>, or <c>release: istio</c>), which analyzers leave alone.</summary>
internal static class ControlPlane
{
    public static bool Owns(KubeObject o) =>
        (o.Metadata.Labels?.ContainsKey("istio") ?? false) || o.Metadata.Label("release") == "istio";
}
