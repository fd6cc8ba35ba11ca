namespace Weft.Api.Kinds;

/// <summary>
/// Kinds found in real manifests (Kubernetes workloads, KubeVirt VMs, OpenShift and operator
/// resources) that Weft stores and lists but does not act on. Listing them gives their proper
/// plurals and scope; any other kind is still accepted with a guessed plural.
/// </summary>
public static class StoredKinds
{
    public static IEnumerable<KindInfo> All =>
    [
        KindInfo.Stored("", "Pod", "pods", ["v1"], true, "po"),
        KindInfo.Stored("", "Endpoints", "endpoints", ["v1"], true, "ep"),
        KindInfo.Stored("", "PersistentVolumeClaim", "persistentvolumeclaims", ["v1"], true, "pvc"),
        KindInfo.Stored("", "PersistentVolume", "persistentvolumes", ["v1"], false, "pv"),
        KindInfo.Stored("", "Node", "nodes", ["v1"], false, "no"),
        KindInfo.Stored("", "ReplicationController", "replicationcontrollers", ["v1"], true, "rc"),
        KindInfo.Stored("", "LimitRange", "limitranges", ["v1"], true, "limits"),
        KindInfo.Stored("", "ResourceQuota", "resourcequotas", ["v1"], true, "quota"),
        KindInfo.Stored("apps", "Deployment", "deployments", ["v1"], true, "deploy"),
        KindInfo.Stored("apps", "StatefulSet", "statefulsets", ["v1"], true, "sts"),
        KindInfo.Stored("apps", "DaemonSet", "daemonsets", ["v1"], true, "ds"),
        KindInfo.Stored("apps", "ReplicaSet", "replicasets", ["v1"], true, "rs"),
        KindInfo.Stored("batch", "Job", "jobs", ["v1"], true),
        KindInfo.Stored("batch", "CronJob", "cronjobs", ["v1"], true, "cj"),
        KindInfo.Stored("autoscaling", "HorizontalPodAutoscaler", "horizontalpodautoscalers", ["v2", "v1"], true, "hpa"),
        KindInfo.Stored("policy", "PodDisruptionBudget", "poddisruptionbudgets", ["v1"], true, "pdb"),
        KindInfo.Stored("networking.k8s.io", "Ingress", "ingresses", ["v1"], true, "ing"),
        KindInfo.Stored("networking.k8s.io", "IngressClass", "ingressclasses", ["v1"], false),
        KindInfo.Stored("networking.k8s.io", "NetworkPolicy", "networkpolicies", ["v1"], true, "netpol"),
        KindInfo.Stored("discovery.k8s.io", "EndpointSlice", "endpointslices", ["v1"], true),
        KindInfo.Stored("rbac.authorization.k8s.io", "Role", "roles", ["v1"], true),
        KindInfo.Stored("rbac.authorization.k8s.io", "RoleBinding", "rolebindings", ["v1"], true),
        KindInfo.Stored("rbac.authorization.k8s.io", "ClusterRole", "clusterroles", ["v1"], false),
        KindInfo.Stored("rbac.authorization.k8s.io", "ClusterRoleBinding", "clusterrolebindings", ["v1"], false),
        KindInfo.Stored("apiextensions.k8s.io", "CustomResourceDefinition", "customresourcedefinitions", ["v1"], false, "crd", "crds"),
        KindInfo.Stored("admissionregistration.k8s.io", "MutatingWebhookConfiguration", "mutatingwebhookconfigurations", ["v1"], false),
        KindInfo.Stored("admissionregistration.k8s.io", "ValidatingWebhookConfiguration", "validatingwebhookconfigurations", ["v1"], false),
        KindInfo.Stored("kubevirt.io", "VirtualMachine", "virtualmachines", ["v1"], true, "vm", "vms"),
        KindInfo.Stored("kubevirt.io", "VirtualMachineInstance", "virtualmachineinstances", ["v1"], true, "vmi", "vmis"),
        KindInfo.Stored("pool.kubevirt.io", "VirtualMachinePool", "virtualmachinepools", ["v1alpha1", "v1beta1"], true, "vmpool"),
        KindInfo.Stored("cdi.kubevirt.io", "DataVolume", "datavolumes", ["v1beta1"], true, "dv"),
        KindInfo.Stored("route.openshift.io", "Route", "routes", ["v1"], true),
        KindInfo.Stored("monitoring.coreos.com", "PodMonitor", "podmonitors", ["v1"], true),
        KindInfo.Stored("monitoring.coreos.com", "ServiceMonitor", "servicemonitors", ["v1"], true),
        KindInfo.Stored("argoproj.io", "Application", "applications", ["v1alpha1"], true, "app", "apps"),
    ];
}
