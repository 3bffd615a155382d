package vn.haiphong.ioc.core.ref;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import vn.haiphong.ioc.core.geo.Areas;

/**
 * The city's reference data: cameras, ports and their assets, report service codes, and the areas layer. Loaded from
 * data files (the defaults ship in this jar under {@code ref/} and {@code geo/}); a deployment puts its own files of
 * the same names in a directory and points {@code --ref-dir} at it.
 */
public final class ReferenceData {
    public static final String CAMERAS = "ref/cameras.json";
    public static final String PORTS = "ref/port-assets.json";
    public static final String SERVICES = "ref/service-codes.json";
    /** Vendor analytics sources (ONVIF, DeepStream) and the cameras they speak for. */
    public static final String CAMERA_SOURCES = "ref/camera-sources.json";

    public static final String AREAS = "geo/haiphong-districts.geojson";
    public static final String LAND = "geo/vietnam-land-osm-100m.geojson";

    private static final java.util.concurrent.ConcurrentMap<String, ReferenceData> LOADED =
            new java.util.concurrent.ConcurrentHashMap<>();

    private final Map<String, Camera> cameras;
    /** {@link CameraSource#key} → source. */
    private final Map<String, CameraSource> cameraSources = new HashMap<>();

    private final Map<String, Port> ports;
    /** Port id → asset type → asset id: looked up for every port message. */
    private final Map<String, Map<String, Map<String, PortAsset>>> portAssets = new HashMap<>();

    private final Map<String, ServiceCode> services;
    private final Areas areas;

    private ReferenceData(
            List<Camera> cameras,
            List<CameraSource> sources,
            List<Port> ports,
            List<ServiceCode> services,
            Areas areas) {
        this.cameras = index(cameras, Camera::id, "camera");
        for (CameraSource s : sources) {
            if (!this.cameras.containsKey(s.cameraId())) {
                throw new IllegalArgumentException(
                        s.vendor() + " source " + s.source() + " names unknown camera " + s.cameraId());
            }
            if (cameraSources.put(CameraSource.key(s.vendor(), s.source()), s) != null) {
                throw new IllegalArgumentException(s.vendor() + " source " + s.source() + " is defined twice");
            }
        }
        this.ports = index(ports, Port::id, "port");
        for (Port p : ports) {
            for (PortAsset a : p.assets()) {
                portAssets
                        .computeIfAbsent(p.id(), k -> new HashMap<>())
                        .computeIfAbsent(a.type(), k -> new HashMap<>())
                        .put(a.id(), a);
            }
        }
        this.services = index(services, ServiceCode::code, "service code");
        this.areas = areas;
        for (Camera camera : cameras) {
            if (areas.byCode(camera.area()).isEmpty()) {
                throw new IllegalArgumentException("camera " + camera.id() + " names unknown area " + camera.area());
            }
        }
    }

    /** The data shipped with the project, loaded once per JVM. */
    public static ReferenceData defaults() {
        return cached(null);
    }

    /**
     * The data of a deployment directory (null or blank: the shipped defaults), loaded once per JVM: stream functions
     * and request handlers call this instead of carrying the data around.
     */
    public static ReferenceData cached(String dir) {
        String key = dir == null ? "" : dir.trim();
        return LOADED.computeIfAbsent(key, k -> load(k.isEmpty() ? null : Path.of(k)));
    }

    /** Loads each file from {@code dir} where it exists there, else the shipped default. */
    public static ReferenceData load(Path dir) {
        ObjectMapper mapper = new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
        try {
            List<Camera> cameras =
                    List.of(mapper.treeToValue(read(mapper, dir, CAMERAS).path("cameras"), Camera[].class));
            // The shipped vendor sources name the shipped cameras: a deployment with cameras of its own and no
            // camera-sources.json has no vendor sources, rather than sources that name cameras it does not have.
            boolean ownCameras = hasOwn(dir, CAMERAS);
            JsonNode sourceList = ownCameras && !hasOwn(dir, CAMERA_SOURCES)
                    ? mapper.missingNode()
                    : read(mapper, dir, CAMERA_SOURCES).path("sources");
            List<CameraSource> sources = sourceList.isMissingNode()
                    ? List.of()
                    : List.of(mapper.treeToValue(sourceList, CameraSource[].class));
            List<Port> ports =
                    List.of(mapper.treeToValue(read(mapper, dir, PORTS).path("ports"), Port[].class));
            List<ServiceCode> services =
                    List.of(mapper.treeToValue(read(mapper, dir, SERVICES).path("services"), ServiceCode[].class));
            Areas areas;
            try (InputStream in = open(dir, AREAS)) {
                areas = Areas.fromGeoJson(in, mapper);
            }
            return new ReferenceData(cameras, sources, ports, services, areas);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load reference data: " + e.getMessage(), e);
        }
    }

    /** Opens a data file: the deployment's copy in {@code dir} when present, else the one shipped in this jar. */
    public static InputStream open(Path dir, String name) throws IOException {
        if (dir != null) {
            Path file = dir.resolve(Path.of(name).getFileName());
            if (Files.isRegularFile(file)) {
                return Files.newInputStream(file);
            }
        }
        InputStream in = ReferenceData.class.getClassLoader().getResourceAsStream(name);
        if (in == null) {
            throw new IOException("data file " + name + " is missing from the classpath");
        }
        return in;
    }

    private static boolean hasOwn(Path dir, String name) {
        return dir != null && Files.isRegularFile(dir.resolve(Path.of(name).getFileName()));
    }

    private static JsonNode read(ObjectMapper mapper, Path dir, String name) throws IOException {
        try (InputStream in = open(dir, name)) {
            return mapper.readTree(in);
        }
    }

    private static <T> Map<String, T> index(
            Collection<T> items, java.util.function.Function<T, String> key, String what) {
        Map<String, T> map = new LinkedHashMap<>();
        for (T item : items) {
            if (map.put(key.apply(item), item) != null) {
                throw new IllegalArgumentException(what + " " + key.apply(item) + " is defined twice");
            }
        }
        return java.util.Collections.unmodifiableMap(map);
    }

    public Optional<Camera> camera(String id) {
        return Optional.ofNullable(cameras.get(id));
    }

    /** The vendor source ({@code onvif}, {@code deepstream}) of that id, when the deployment mapped it to a camera. */
    public Optional<CameraSource> cameraSource(String vendor, String source) {
        return Optional.ofNullable(cameraSources.get(CameraSource.key(vendor, source)));
    }

    public Collection<Camera> cameras() {
        return cameras.values();
    }

    public List<Camera> cameras(Camera.Kind kind) {
        List<Camera> out = new ArrayList<>();
        for (Camera c : cameras.values()) {
            if (c.kind() == kind) {
                out.add(c);
            }
        }
        return out;
    }

    public Optional<Port> port(String id) {
        return Optional.ofNullable(ports.get(id));
    }

    /** The asset of that type and id at that port, without a scan of the port's assets. */
    public Optional<PortAsset> portAsset(String portId, String type, String assetId) {
        Map<String, Map<String, PortAsset>> byType = portAssets.get(portId);
        Map<String, PortAsset> byId = byType == null ? null : byType.get(type);
        return Optional.ofNullable(byId == null ? null : byId.get(assetId));
    }

    public Collection<Port> ports() {
        return ports.values();
    }

    public Optional<ServiceCode> service(String code) {
        return Optional.ofNullable(services.get(code));
    }

    public Collection<ServiceCode> services() {
        return services.values();
    }

    public Areas areas() {
        return areas;
    }
}
