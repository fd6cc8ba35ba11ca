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
        KindInfo.Stored("", "Event", "events", ["v1"], true, "ev"),
        KindInfo.Stored("admissionregistration.k8s.io", "ValidatingAdmissionPolicy", "validatingadmissionpolicies", ["v1"], false),
        KindInfo.Stored("admissionregistration.k8s.io", "ValidatingAdmissionPolicyBinding", "validatingadmissionpolicybindings", ["v1"], false),
        KindInfo.Stored("storage.k8s.io", "StorageClass", "storageclasses", ["v1"], false, "sc"),
        KindInfo.Stored("storage.k8s.io", "CSIDriver", "csidrivers", ["v1"], false),
        KindInfo.Stored("coordination.k8s.io", "Lease", "leases", ["v1"], true),
        KindInfo.Stored("policy", "PodSecurityPolicy", "podsecuritypolicies", ["v1beta1"], false, "psp"),
        // cert-manager, today's group and the pre-1.0 one (Istio's older samples use it).
        KindInfo.Stored("cert-manager.io", "Certificate", "certificates", ["v1"], true, "cert", "certs"),
        KindInfo.Stored("cert-manager.io", "Issuer", "issuers", ["v1"], true),
        KindInfo.Stored("cert-manager.io", "ClusterIssuer", "clusterissuers", ["v1"], false),
        KindInfo.Stored("certmanager.k8s.io", "Certificate", "certificates", ["v1alpha1"], true, "cert", "certs"),
        KindInfo.Stored("certmanager.k8s.io", "Issuer", "issuers", ["v1alpha1"], true),
        KindInfo.Stored("certmanager.k8s.io", "ClusterIssuer", "clusterissuers", ["v1alpha1"], false),
        // Istio's installation and Mixer-era kinds, and OpenShift Service Mesh federation.
        KindInfo.Stored("install.istio.io", "IstioOperator", "istiooperators", ["v1alpha1"], true, "iop", "io"),
        KindInfo.Stored("config.istio.io", "QuotaSpec", "quotaspecs", ["v1alpha2"], true),
        KindInfo.Stored("config.istio.io", "QuotaSpecBinding", "quotaspecbindings", ["v1alpha2"], true),
        KindInfo.Stored("federation.maistra.io", "ServiceMeshPeer", "servicemeshpeers", ["v1"], true),
        KindInfo.Stored("federation.maistra.io", "ExportedServiceSet", "exportedservicesets", ["v1"], true),
        KindInfo.Stored("federation.maistra.io", "ImportedServiceSet", "importedservicesets", ["v1"], true),
        // OpenShift and its operator framework.
        KindInfo.Stored("project.openshift.io", "Project", "projects", ["v1"], false),
        KindInfo.Stored("security.openshift.io", "SecurityContextConstraints", "securitycontextconstraints", ["v1"], false, "scc"),
        KindInfo.Stored("operators.coreos.com", "Subscription", "subscriptions", ["v1alpha1"], true, "sub", "subs"),
        KindInfo.Stored("operators.coreos.com", "OperatorGroup", "operatorgroups", ["v1"], true, "og"),
        KindInfo.Stored("operators.coreos.com", "ClusterServiceVersion", "clusterserviceversions", ["v1alpha1"], true, "csv", "csvs"),
        KindInfo.Stored("monitoring.coreos.com", "PrometheusRule", "prometheusrules", ["v1"], true),
        KindInfo.Stored("kubevirt.io", "VirtualMachineInstanceReplicaSet", "virtualmachineinstancereplicasets", ["v1"], true, "vmirs", "vmirss"),
    ];
}
