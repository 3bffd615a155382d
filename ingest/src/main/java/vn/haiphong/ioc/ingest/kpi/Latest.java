package vn.haiphong.ioc.ingest.kpi;

/** The newest reading of one thing in a port, kept by {@link PortKpiFunction}: a Flink POJO. */
public class Latest {
    public byte kind;
    public long time;
    public double a;
    public double b;
    public String word;
    public boolean flag;

    public Latest() {}

    static Latest of(PortFact f) {
        Latest l = new Latest();
        l.kind = f.kind;
        l.time = f.time;
        l.a = f.a;
        l.b = f.b;
        l.word = f.word;
        l.flag = f.flag;
        return l;
    }
}
