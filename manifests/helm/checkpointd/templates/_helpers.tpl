{{/*
Names, labels and the pieces several templates share. Names follow Helm's convention: the
release name when it contains the chart's name (release "checkpointd" gives the names of
the kustomize base), else "<release>-checkpointd".
*/}}

{{- define "checkpointd.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "checkpointd.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else if contains (include "checkpointd.name" .) .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name (include "checkpointd.name" .) | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}

{{- define "checkpointd.selectorLabels" -}}
app.kubernetes.io/name: {{ include "checkpointd.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{/* The daemon's pods: what the Deployment, the Service and the NetworkPolicy select. */}}
{{- define "checkpointd.daemonSelectorLabels" -}}
{{ include "checkpointd.selectorLabels" . }}
app.kubernetes.io/component: daemon
{{- end }}

{{- define "checkpointd.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{ include "checkpointd.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end }}

{{/* metadata of a namespaced object: the name given, the release's namespace, the labels. */}}
{{- define "checkpointd.metadata" -}}
name: {{ .name }}
namespace: {{ .root.Release.Namespace }}
labels:
  {{- include "checkpointd.labels" .root | nindent 2 }}
{{- end }}

{{- define "checkpointd.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "checkpointd.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- required "serviceAccount.name: name the existing ServiceAccount to run as when serviceAccount.create is false" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{/* repository:tag, or repository@digest when a digest is given; .name names the value. */}}
{{- define "checkpointd.image" -}}
{{- if .image.digest }}
{{- printf "%s@%s" .image.repository .image.digest }}
{{- else }}
{{- $tag := required (printf "%s.tag: give a tag or a digest" .name) (.image.tag | default .appVersion) }}
{{- printf "%s:%s" .image.repository (toString $tag) }}
{{- end }}
{{- end }}

{{- define "checkpointd.stateClaimName" -}}
{{- .Values.persistence.existingClaim | default (printf "%s-state" (include "checkpointd.fullname" .)) }}
{{- end }}

{{/*
A file of files/, which links to manifests/monitoring: refused with a message when the link
did not come along (empty) or was checked out as a text file holding its target.
*/}}
{{- define "checkpointd.linkedFile" -}}
{{- $content := .root.Files.Get .file }}
{{- if or (not $content) (hasPrefix "../" $content) }}
{{- fail (printf "%s is missing: it links to a file of manifests/monitoring in the checkpointd repository; install from a checkout with symbolic links (git config core.symlinks true) or from an archive made by helm package" .file) }}
{{- end }}
{{- $content }}
{{- end }}

{{/* The port the daemon's HTTPS API listens on in the pod (config.yaml listen.tcp.port). */}}
{{- define "checkpointd.apiPort" -}}8443{{- end }}

{{/*
checkpointd's config.yaml: `listen` and `state_directory` from the chart (they follow the
Deployment's mounts), then .Values.config, then .Values.clusters.
*/}}
{{- define "checkpointd.config" -}}
{{- if not .Values.clusters }}
{{- fail "clusters: name at least one CloudNativePG cluster (an entry of config.yaml's clusters, docs/configuration.md; example: manifests/examples/helm/payments-values.yaml)" }}
{{- end }}
{{- range .Values.clusters }}
{{- if and .cnpg .cnpg.namespace (ne .cnpg.namespace $.Release.Namespace) }}
{{- fail (printf "clusters[%s].cnpg.namespace is %s but the release is in %s: the chart's Role, NetworkPolicy and CA Secrets cover the release's namespace only; install it into %s" .name .cnpg.namespace $.Release.Namespace .cnpg.namespace) }}
{{- end }}
{{- end }}
{{- $config := .Values.config | default dict }}
{{- range $key := list "listen" "state_directory" "clusters" }}
{{- if hasKey $config $key }}
{{- fail (printf "config.%s: set by the chart, not in values (listen and state_directory follow the Deployment's mounts; clusters is the top-level value clusters)" $key) }}
{{- end }}
{{- end -}}
listen:
  # For `kubectl exec deploy/<name> -- checkpointctl ...` inside the pod.
  unix_socket: /run/checkpointd/checkpointd.sock
  socket_mode: "0600"
  # For the Service: HTTPS only; every request but /healthz and /readyz needs the token.
  tcp:
    address: 0.0.0.0
    port: {{ include "checkpointd.apiPort" . }}
    token_file: /run/secrets/checkpointd/token
    tls:
      cert_file: /run/secrets/checkpointd-tls/tls.crt
      key_file: /run/secrets/checkpointd-tls/tls.key
state_directory: /var/lib/checkpointd
{{- with $config }}
{{ toYaml . }}
{{- end }}
clusters:
{{- toYaml .Values.clusters | nindent 2 }}
{{- end }}

{{- define "checkpointd.restrictedSecurityContext" -}}
runAsNonRoot: true
allowPrivilegeEscalation: false
readOnlyRootFilesystem: true
capabilities:
  drop: ["ALL"]
{{- end }}
