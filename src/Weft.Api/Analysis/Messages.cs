namespace Weft.Api.Analysis;

/// <summary>
/// The message catalogue: Istio's codes, names, levels and wording (istioctl analyze users know
/// them), so findings read the same as Istio's. Ordered by code.
/// </summary>
public static partial class Messages
{
    /// <summary>There was an internal error in the toolchain. This is almost always a bug in the implementation.</summary>
    public static readonly MessageType InternalError = new("IST0001", "InternalError", MessageLevel.Error, "Internal error: {0}");

    /// <summary>A feature that the configuration is depending on is now deprecated.</summary>
    public static readonly MessageType Deprecated = new("IST0002", "Deprecated", MessageLevel.Warning, "Deprecated: {0}");

    /// <summary>A resource being referenced does not exist.</summary>
    public static readonly MessageType ReferencedResourceNotFound = new("IST0101", "ReferencedResourceNotFound", MessageLevel.Error, "Referenced {0} not found: {1:q}");

    /// <summary>A namespace is not enabled for Istio injection.</summary>
    public static readonly MessageType NamespaceNotInjected = new("IST0102", "NamespaceNotInjected", MessageLevel.Info, "The namespace is not enabled for Istio injection. Run 'kubectl label namespace {0} istio-injection=enabled' to enable it, or 'kubectl label namespace {1} istio-injection=disabled' to explicitly mark it as not needing injection.");

    /// <summary>A pod is missing the Istio proxy.</summary>
    public static readonly MessageType PodMissingProxy = new("IST0103", "PodMissingProxy", MessageLevel.Warning, "The pod {0} is missing the Istio proxy. This can often be resolved by restarting or redeploying the workload.");

    /// <summary>The resource has a schema validation error.</summary>
    public static readonly MessageType SchemaValidationError = new("IST0106", "SchemaValidationError", MessageLevel.Error, "Schema validation error: {0}");

    /// <summary>An Istio annotation is applied to the wrong kind of resource.</summary>
    public static readonly MessageType MisplacedAnnotation = new("IST0107", "MisplacedAnnotation", MessageLevel.Warning, "Misplaced annotation: {0} can only be applied to {1}");

    /// <summary>An Istio annotation is not recognized for any kind of resource</summary>
    public static readonly MessageType UnknownAnnotation = new("IST0108", "UnknownAnnotation", MessageLevel.Warning, "Unknown annotation: {0}");

    /// <summary>Conflicting hosts on VirtualServices associated with mesh gateway</summary>
    public static readonly MessageType ConflictingMeshGatewayVirtualServiceHosts = new("IST0109", "ConflictingMeshGatewayVirtualServiceHosts", MessageLevel.Error, "The VirtualServices {0} associated with mesh gateway define the same host {1} which can lead to undefined behavior. This can be fixed by merging the conflicting VirtualServices into a single resource.");

    /// <summary>A Sidecar resource selects the same workloads as another Sidecar resource</summary>
    public static readonly MessageType ConflictingSidecarWorkloadSelectors = new("IST0110", "ConflictingSidecarWorkloadSelectors", MessageLevel.Error, "The Sidecars {0} in namespace {1:q} select the same workload pod {2:q}, which can lead to undefined behavior.");

    /// <summary>More than one sidecar resource in a namespace has no workload selector</summary>
    public static readonly MessageType MultipleSidecarsWithoutWorkloadSelectors = new("IST0111", "MultipleSidecarsWithoutWorkloadSelectors", MessageLevel.Error, "The Sidecars {0} in namespace {1:q} have no workload selector, which can lead to undefined behavior.");

    /// <summary>A VirtualService routes to a service with more than one port exposed, but does not specify which to use.</summary>
    public static readonly MessageType VirtualServiceDestinationPortSelectorRequired = new("IST0112", "VirtualServiceDestinationPortSelectorRequired", MessageLevel.Error, "This VirtualService routes to a service {0:q} that exposes multiple ports {1}. Specifying a port in the destination is required to disambiguate.");

    /// <summary>The resulting pods of a service mesh deployment can't be associated with multiple services using the same port but different protocols.</summary>
    public static readonly MessageType DeploymentAssociatedToMultipleServices = new("IST0116", "DeploymentAssociatedToMultipleServices", MessageLevel.Warning, "This deployment {0} is associated with multiple services using port {1} but different protocols: {2}");

    /// <summary>Port name is not under naming convention. Protocol detection is applied to the port.</summary>
    public static readonly MessageType PortNameIsNotUnderNamingConvention = new("IST0118", "PortNameIsNotUnderNamingConvention", MessageLevel.Info, "Port name {0} (port: {1}, targetPort: {2}) doesn't follow the naming convention of Istio port.");

    /// <summary>A namespace has more than one type of injection labels</summary>
    public static readonly MessageType NamespaceMultipleInjectionLabels = new("IST0123", "NamespaceMultipleInjectionLabels", MessageLevel.Warning, "The namespace has more than one type of injection labels {0}, which may lead to undefined behavior. Make sure only one injection label exists.");

    /// <summary>An Istio annotation that is not valid</summary>
    public static readonly MessageType InvalidAnnotation = new("IST0125", "InvalidAnnotation", MessageLevel.Warning, "Invalid annotation {0}: {1}");

    /// <summary>A service registry in Mesh Networks is unknown</summary>
    public static readonly MessageType UnknownMeshNetworksServiceRegistry = new("IST0126", "UnknownMeshNetworksServiceRegistry", MessageLevel.Error, "Unknown service registry {0} in network {1}");

    /// <summary>There aren't workloads matching the resource labels</summary>
    public static readonly MessageType NoMatchingWorkloadsFound = new("IST0127", "NoMatchingWorkloadsFound", MessageLevel.Warning, "No matching workloads for this resource with the following labels: {0}");

    /// <summary>No caCertificates are set in DestinationRule, this results in no verification of presented server certificate.</summary>
    public static readonly MessageType NoServerCertificateVerificationDestinationLevel = new("IST0128", "NoServerCertificateVerificationDestinationLevel", MessageLevel.Warning, "DestinationRule {0} in namespace {1} has TLS mode set to {2} but no caCertificates are set to validate server identity for host: {3}");

    /// <summary>No caCertificates are set in DestinationRule, this results in no verification of presented server certificate for traffic to a given port.</summary>
    public static readonly MessageType NoServerCertificateVerificationPortLevel = new("IST0129", "NoServerCertificateVerificationPortLevel", MessageLevel.Warning, "DestinationRule {0} in namespace {1} has TLS mode set to {2} but no caCertificates are set to validate server identity for host: {3} at port {4}");

    /// <summary>A VirtualService rule will never be used because a previous rule uses the same match.</summary>
    public static readonly MessageType VirtualServiceUnreachableRule = new("IST0130", "VirtualServiceUnreachableRule", MessageLevel.Warning, "VirtualService rule {0} not used ({1}).");

    /// <summary>A VirtualService rule match duplicates a match in a previous rule.</summary>
    public static readonly MessageType VirtualServiceIneffectiveMatch = new("IST0131", "VirtualServiceIneffectiveMatch", MessageLevel.Info, "VirtualService rule {0} match {1} is not used (duplicate/overlapping match in rule {2}).");

    /// <summary>Host defined in VirtualService not found in Gateway.</summary>
    public static readonly MessageType VirtualServiceHostNotFoundInGateway = new("IST0132", "VirtualServiceHostNotFoundInGateway", MessageLevel.Warning, "one or more host {0} defined in VirtualService {1} not found in Gateway {2}.");

    /// <summary>The resource has a schema validation warning.</summary>
    public static readonly MessageType SchemaWarning = new("IST0133", "SchemaWarning", MessageLevel.Warning, "Schema validation warning: {0}");

    /// <summary>Virtual IP addresses are required for ports serving TCP (or unset) protocol when PILOT_ENABLE_IP_AUTOALLOCATE is not set on a proxy</summary>
    public static readonly MessageType ServiceEntryAddressesRequired = new("IST0134", "ServiceEntryAddressesRequired", MessageLevel.Warning, "ServiceEntry addresses are required for this protocol.");

    /// <summary>A resource is using a deprecated Istio annotation.</summary>
    public static readonly MessageType DeprecatedAnnotation = new("IST0135", "DeprecatedAnnotation", MessageLevel.Info, "Annotation {0:q} has been deprecated{1} and may not work in future Istio versions.");

    /// <summary>An Istio annotation may not be suitable for production.</summary>
    public static readonly MessageType AlphaAnnotation = new("IST0136", "AlphaAnnotation", MessageLevel.Info, "Annotation {0:q} is part of an alpha-phase feature and may be incompletely supported.");

    /// <summary>Two services selecting the same workload with the same targetPort MUST refer to the same port.</summary>
    public static readonly MessageType DeploymentConflictingPorts = new("IST0137", "DeploymentConflictingPorts", MessageLevel.Warning, "This deployment {0} is associated with multiple services {1} using targetPort {2:q} but different ports: {3}.");

    /// <summary>Duplicate certificate in multiple gateways may cause 404s if clients re-use HTTP2 connections.</summary>
    public static readonly MessageType GatewayDuplicateCertificate = new("IST0138", "GatewayDuplicateCertificate", MessageLevel.Warning, "Duplicate certificate in multiple gateways {0} may cause 404s if clients re-use HTTP2 connections.");

    /// <summary>Webhook is invalid or references a control plane service that does not exist.</summary>
    public static readonly MessageType InvalidWebhook = new("IST0139", "InvalidWebhook", MessageLevel.Error, "{0}");

    /// <summary>Route rules have no effect on ingress gateway requests</summary>
    public static readonly MessageType IngressRouteRulesNotAffected = new("IST0140", "IngressRouteRulesNotAffected", MessageLevel.Warning, "Subset in virtual service {0} has no effect on ingress gateway {1} requests");

    /// <summary>Required permissions to install Istio are missing.</summary>
    public static readonly MessageType InsufficientPermissions = new("IST0141", "InsufficientPermissions", MessageLevel.Error, "Missing required permission to create resource {0} ({1})");

    /// <summary>The Kubernetes version is not supported</summary>
    public static readonly MessageType UnsupportedKubernetesVersion = new("IST0142", "UnsupportedKubernetesVersion", MessageLevel.Error, "The Kubernetes Version {0:q} is lower than the minimum version: {1}");

    /// <summary>A port exposed in a Service is bound to a localhost address</summary>
    public static readonly MessageType LocalhostListener = new("IST0143", "LocalhostListener", MessageLevel.Error, "Port {0} is exposed in a Service but listens on localhost. It will not be exposed to other pods.");

    /// <summary>Application pods should not run as user ID (UID) 1337</summary>
    public static readonly MessageType InvalidApplicationUID = new("IST0144", "InvalidApplicationUID", MessageLevel.Warning, "User ID (UID) 1337 is reserved for the sidecar proxy.");

    /// <summary>Gateway should not have the same selector, port and matched hosts of server</summary>
    public static readonly MessageType ConflictingGateways = new("IST0145", "ConflictingGateways", MessageLevel.Error, "Conflict with gateways {0} (workload selector {1}, port {2}, hosts {3}).");

    /// <summary>Deployments with `image: auto` should be targeted for injection.</summary>
    public static readonly MessageType ImageAutoWithoutInjectionWarning = new("IST0146", "ImageAutoWithoutInjectionWarning", MessageLevel.Warning, "{0} {1} contains `image: auto` but does not match any Istio injection webhook selectors.");

    /// <summary>Pods with `image: auto` should be targeted for injection.</summary>
    public static readonly MessageType ImageAutoWithoutInjectionError = new("IST0147", "ImageAutoWithoutInjectionError", MessageLevel.Error, "{0} {1} contains `image: auto` but does not match any Istio injection webhook selectors.");

    /// <summary>user namespace should be injectable if Istio is installed with enableNamespacesByDefault enabled and neither injection label is set.</summary>
    public static readonly MessageType NamespaceInjectionEnabledByDefault = new("IST0148", "NamespaceInjectionEnabledByDefault", MessageLevel.Info, "is enabled for Istio injection, as Istio is installed with enableNamespacesByDefault as true.");

    /// <summary>Virtual service using JWT claim based routing without request authentication.</summary>
    public static readonly MessageType JwtClaimBasedRoutingWithoutRequestAuthN = new("IST0149", "JwtClaimBasedRoutingWithoutRequestAuthN", MessageLevel.Error, "The virtual service uses the JWT claim based routing (key: {0}) but found no request authentication for the gateway ({1}) pod ({2}). The request authentication must first be applied for the gateway pods to validate the JWT token and make the claims available for routing.");

    /// <summary>Proxy may prevent tcp named ports and unmatched traffic for ports serving TCP protocol from being forwarded correctly for ExternalName services.</summary>
    public static readonly MessageType ExternalNameServiceTypeInvalidPortName = new("IST0150", "ExternalNameServiceTypeInvalidPortName", MessageLevel.Warning, "Port name for ExternalName service is invalid. Proxy may prevent tcp named ports and unmatched traffic for ports serving TCP protocol from being forwarded correctly");

    /// <summary>This EnvoyFilter does not have a priority and has a relative patch operation set which can cause the EnvoyFilter not to be applied. Using the INSERT_FIRST or ADD option or setting the priority may help in ensuring the EnvoyFilter is applied correctly.</summary>
    public static readonly MessageType EnvoyFilterUsesRelativeOperation = new("IST0151", "EnvoyFilterUsesRelativeOperation", MessageLevel.Warning, "This EnvoyFilter does not have a priority and has a relative patch operation set which can cause the EnvoyFilter not to be applied. Using the INSERT_FIRST of ADD option or setting the priority may help in ensuring the EnvoyFilter is applied correctly.");

    /// <summary>The REPLACE operation is only valid for HTTP_FILTER and NETWORK_FILTER.</summary>
    public static readonly MessageType EnvoyFilterUsesReplaceOperationIncorrectly = new("IST0152", "EnvoyFilterUsesReplaceOperationIncorrectly", MessageLevel.Error, "The REPLACE operation is only valid for HTTP_FILTER and NETWORK_FILTER.");

    /// <summary>The ADD operation will be ignored when applyTo is set to ROUTE_CONFIGURATION, or HTTP_ROUTE.</summary>
    public static readonly MessageType EnvoyFilterUsesAddOperationIncorrectly = new("IST0153", "EnvoyFilterUsesAddOperationIncorrectly", MessageLevel.Error, "The ADD operation will be ignored when applyTo is set to ROUTE_CONFIGURATION, or HTTP_ROUTE.");

    /// <summary>The REMOVE operation will be ignored when applyTo is set to ROUTE_CONFIGURATION, or HTTP_ROUTE.</summary>
    public static readonly MessageType EnvoyFilterUsesRemoveOperationIncorrectly = new("IST0154", "EnvoyFilterUsesRemoveOperationIncorrectly", MessageLevel.Error, "The REMOVE operation will be ignored when applyTo is set to ROUTE_CONFIGURATION, or HTTP_ROUTE.");

    /// <summary>This EnvoyFilter does not have a priority and has a relative patch operation (NSTERT_BEFORE/AFTER, REPLACE, MERGE, DELETE) and proxyVersion set which can cause the EnvoyFilter not to be applied during an upgrade. Using the INSERT_FIRST or ADD option or setting the priority may help in ensuring the EnvoyFilter is applied correctly.</summary>
    public static readonly MessageType EnvoyFilterUsesRelativeOperationWithProxyVersion = new("IST0155", "EnvoyFilterUsesRelativeOperationWithProxyVersion", MessageLevel.Warning, "This EnvoyFilter does not have a priority and has a relative patch operation (NSTERT_BEFORE/AFTER, REPLACE, MERGE, DELETE) and proxyVersion set which can cause the EnvoyFilter not to be applied during an upgrade. Using the INSERT_FIRST or ADD option or setting the priority may help in ensuring the EnvoyFilter is applied correctly.");

    /// <summary>The Gateway API CRD version is not supported</summary>
    public static readonly MessageType UnsupportedGatewayAPIVersion = new("IST0156", "UnsupportedGatewayAPIVersion", MessageLevel.Error, "The Gateway API CRD version {0} is lower than the minimum version: {1}");

    /// <summary>The Gateway API CRD version will not be supported in the future</summary>
    public static readonly MessageType FutureUnsupportedGatewayAPIVersion = new("IST0172", "FutureUnsupportedGatewayAPIVersion", MessageLevel.Warning, "The Gateway API CRD version {0} is lower than the minimum version: {1}");

    /// <summary>The Telemetry with empty providers will be ignored</summary>
    public static readonly MessageType InvalidTelemetryProvider = new("IST0157", "InvalidTelemetryProvider", MessageLevel.Warning, "The Telemetry {0} in namespace {1:q} with empty providers will be ignored.");

    /// <summary>The Istio proxy image of the pods running in the namespace do not match the image defined in the injection configuration.</summary>
    public static readonly MessageType PodsIstioProxyImageMismatchInNamespace = new("IST0158", "PodsIstioProxyImageMismatchInNamespace", MessageLevel.Warning, "The Istio proxy images of the pods running in the namespace do not match the image defined in the injection configuration (pod names: {0}). This often happens after upgrading the Istio control-plane and can be fixed by redeploying the pods.");

    /// <summary>A Telemetry resource selects the same workloads as another Telemetry resource</summary>
    public static readonly MessageType ConflictingTelemetryWorkloadSelectors = new("IST0159", "ConflictingTelemetryWorkloadSelectors", MessageLevel.Error, "The Telemetries {0} in namespace {1:q} select the same workload pod {2:q}, which can lead to undefined behavior.");

    /// <summary>More than one telemetry resource in a namespace has no workload selector</summary>
    public static readonly MessageType MultipleTelemetriesWithoutWorkloadSelectors = new("IST0160", "MultipleTelemetriesWithoutWorkloadSelectors", MessageLevel.Error, "The Telemetries {0} in namespace {1:q} have no workload selector, which can lead to undefined behavior.");

    /// <summary>The credential provided for the Gateway resource is invalid</summary>
    public static readonly MessageType InvalidGatewayCredential = new("IST0161", "InvalidGatewayCredential", MessageLevel.Error, "The credential referenced by the Gateway {0} in namespace {1} is invalid, which can cause the traffic not to work as expected.");

    /// <summary>Gateway port not exposed by service</summary>
    public static readonly MessageType GatewayPortNotDefinedOnService = new("IST0162", "GatewayPortNotDefinedOnService", MessageLevel.Warning, "The gateway is listening on a target port (port {0}) that is not defined in the Service associated with its workload instances (Pod selector {1}). If you need to access the gateway port through the gateway Service, it will not be available.");

    /// <summary>Address for the ingress gateway on the external control plane is not valid</summary>
    public static readonly MessageType InvalidExternalControlPlaneConfig = new("IST0163", "InvalidExternalControlPlaneConfig", MessageLevel.Warning, "The hostname ({0}) that was provided for the webhook ({1}) to reach the ingress gateway on the external control plane cluster {2}. Traffic may not flow properly.");

    /// <summary>Address for the ingress gateway on the external control plane is an IP address and not a hostname</summary>
    public static readonly MessageType ExternalControlPlaneAddressIsNotAHostname = new("IST0164", "ExternalControlPlaneAddressIsNotAHostname", MessageLevel.Info, "The address ({0}) that was provided for the webhook ({1}) to reach the ingress gateway on the external control plane cluster is an IP address. This is not recommended for a production environment.");

    /// <summary>VirtualServices should not reference internal Gateways.</summary>
    public static readonly MessageType ReferencedInternalGateway = new("IST0165", "ReferencedInternalGateway", MessageLevel.Warning, "Gateway reference in VirtualService {0} is to an implementation-generated internal Gateway: {1}.");

    /// <summary>Selector has no effect when applied to Kubernetes Gateways.</summary>
    public static readonly MessageType IneffectiveSelector = new("IST0166", "IneffectiveSelector", MessageLevel.Warning, "Ineffective selector on Kubernetes Gateway {0}. Use the TargetRef field instead.");

    /// <summary>The policy applied has no impact.</summary>
    public static readonly MessageType IneffectivePolicy = new("IST0167", "IneffectivePolicy", MessageLevel.Warning, "The policy has no impact: {0}.");

    /// <summary>We cannot automatically detect whether a change is fully compatible or not</summary>
    public static readonly MessageType UnknownUpgradeCompatibility = new("IST0168", "UnknownUpgradeCompatibility", MessageLevel.Warning, "The configuration {0:q} changed in release {1}, but compatibility cannot be automatically detected: {2}. Or, install with `--set compatibilityVersion={3}` to retain the old default.");

    /// <summary>The provided configuration object may be incompatible due to an upgrade</summary>
    public static readonly MessageType UpdateIncompatibility = new("IST0169", "UpdateIncompatibility", MessageLevel.Warning, "The configuration {0:q} changed in release {1}: {2}. Or, install with `--set compatibilityVersion={3}` to retain the old default.");

    /// <summary>The services live in different clusters under multi-cluster deployment model are inconsistent</summary>
    public static readonly MessageType MultiClusterInconsistentService = new("IST0170", "MultiClusterInconsistentService", MessageLevel.Warning, "The service {0} in namespace {1:q} is inconsistent across clusters {2:q}, which can lead to undefined behaviors. The inconsistent behaviors are: {3}.");

    /// <summary>A condition with a negative status is present</summary>
    public static readonly MessageType NegativeConditionStatus = new("IST0171", "NegativeConditionStatus", MessageLevel.Warning, "A condition with a negative status is present: type={0}, reason={1}, message={2}.");

    /// <summary>Subsets defined in destination does not select any pods.</summary>
    public static readonly MessageType DestinationRuleSubsetNotSelectPods = new("IST0173", "DestinationRuleSubsetNotSelectPods", MessageLevel.Error, "The Subset {0} defined in the DestinationRule does not select any pods. Which may lead to 503 UH (NoHealthyUpstream).");

    /// <summary>Host defined in destination rule does not match any services in the mesh.</summary>
    public static readonly MessageType UnknownDestinationRuleHost = new("IST0174", "UnknownDestinationRuleHost", MessageLevel.Warning, "The host {0} defined in the DestinationRule does not match any services in the mesh.");

    /// <summary>RequestAuthentication resources exist but BLOCKED_CIDRS_IN_JWKS_URIS is not configured on istiod.</summary>
    public static readonly MessageType JwksUriFetchUnrestricted = new("IST0175", "JwksUriFetchUnrestricted", MessageLevel.Warning, "BLOCKED_CIDRS_IN_JWKS_URIS is not configured but {0} RequestAuthentication resource(s) exist ({1}). Consider configuring it to restrict JWKS URI fetches to trusted networks.");

    /// <summary>A Gateway API CRD is installed at a version below the minimum required by this Istio version. Resources of this kind will not be processed.</summary>
    public static readonly MessageType GatewayAPICRDVersionBelowMinimum = new("IST0176", "GatewayAPICRDVersionBelowMinimum", MessageLevel.Warning, "Gateway API CRD {0:q} is at version {1:q} but Istio requires at least {2:q}; resources of this kind will not be processed. Upgrade the Gateway API CRDs to satisfy the minimum version.");

    /// <summary>Multiple ServiceEntries define the same host and port with conflicting protocols.</summary>
    public static readonly MessageType ConflictingServiceEntryProtocol = new("IST0177", "ConflictingServiceEntryProtocol", MessageLevel.Warning, "Multiple ServiceEntries ({0}) define the same host {1:q} and port {2} with conflicting protocols ({3}).");
}
