package vn.haiphong.ioc.ingest.kpi;

/**
 * One thing learnt about a port, for {@link PortKpiFunction}: a Flink POJO, deliberately small (a kind, a key within
 * the port, a time, two numbers, a word and a flag), so that every port feed can reach the port's one KPI operator
 * through one shuffle.
 */
public class PortFact {
    /** A crane's state ({@code word}) and the moves since its previous message ({@code a}). */
    public static final byte CRANE = 1;
    /** A gate's queue ({@code a}, trucks) and average wait ({@code b}, min; NaN when not reported). */
    public static final byte GATE = 2;
    /** A truck passed a gate inwards (GTIN). */
    public static final byte GATE_IN = 3;
    /** A yard block's occupied ({@code a}) and capacity ({@code b}) TEU. */
    public static final byte YARD = 4;
    /** A reefer container's reading: {@code flag} when out of range. */
    public static final byte REEFER = 5;
    /** A tide gauge's water level ({@code a}, cm). */
    public static final byte TIDE = 6;
    /** A berth event about a vessel ({@code key} its MMSI): {@code flag} true on ARRI ACT, false on DEPA ACT. */
    public static final byte BERTH = 7;
    /** The vessel publisher's view of a vessel ({@code key} its MMSI): {@code flag} when at berth; NaN {@code a}: gone. */
    public static final byte VESSEL = 8;

    public String portId;
    public byte kind;
    public String key;
    public long time;
    public double a;
    public double b;
    public String word;
    public boolean flag;

    public PortFact() {}

    public PortFact(String portId, byte kind, String key, long time, double a, double b, String word, boolean flag) {
        this.portId = portId;
        this.kind = kind;
        this.key = key;
        this.time = time;
        this.a = a;
        this.b = b;
        this.word = word;
        this.flag = flag;
    }

    @Override
    public String toString() {
        return "PortFact{" + portId + " " + kind + " " + key + " @" + time + " " + a + "/" + b + " " + word + " " + flag
                + "}";
    }
}
