using Weft.Api.Kinds;

namespace Weft.Api.Model.Core;

/// <summary>The core/v1 kinds Weft types and validates, with kubectl's short names.</summary>
public static class CoreKinds
{
    public static IEnumerable<KindInfo> All =>
    [
        KindInfo.Of<Namespace>("", "Namespace", "namespaces", ["v1"], ["ns"], namespaced: false, support: KindSupport.Validated),
        KindInfo.Of<Service>("", "Service", "services", ["v1"], ["svc"]),
        KindInfo.Of<ServiceAccount>("", "ServiceAccount", "serviceaccounts", ["v1"], ["sa"], support: KindSupport.Validated),
        KindInfo.Of<Secret>("", "Secret", "secrets", ["v1"], [], support: KindSupport.Validated),
        KindInfo.Of<ConfigMap>("", "ConfigMap", "configmaps", ["v1"], ["cm"]),
    ];
}
