<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>AlertCard</name>
    <message>
        <location filename="../qml/controls/AlertCard.qml" line="30"/>
        <source>ALARM</source>
        <translation>紧急</translation>
    </message>
    <message>
        <location filename="../qml/controls/AlertCard.qml" line="30"/>
        <source>WARNING</source>
        <translation>注意</translation>
    </message>
    <message>
        <location filename="../qml/controls/AlertCard.qml" line="31"/>
        <source>%1 min left</source>
        <translation>剩 %1 分</translation>
    </message>
    <message>
        <location filename="../qml/controls/AlertCard.qml" line="52"/>
        <source>✓ acknowledged by %1 at %2</source>
        <translation>✓ %1 已于 %2 确认</translation>
    </message>
    <message>
        <location filename="../qml/controls/AlertCard.qml" line="53"/>
        <source>✓ acknowledged by %1</source>
        <translation>✓ %1 已确认</translation>
    </message>
    <message>
        <location filename="../qml/controls/AlertCard.qml" line="66"/>
        <source>Acknowledge</source>
        <translation>确认</translation>
    </message>
    <message>
        <location filename="../qml/controls/AlertCard.qml" line="72"/>
        <source>Resolve…</source>
        <translation>已处理…</translation>
    </message>
</context>
<context>
    <name>BoardCall</name>
    <message>
        <location filename="../qml/controls/BoardCall.qml" line="13"/>
        <source>Welcome</source>
        <translation>欢迎光临</translation>
    </message>
</context>
<context>
    <name>BoardServing</name>
    <message>
        <location filename="../qml/controls/BoardServing.qml" line="20"/>
        <source>Being served now</source>
        <translation>各窗口正在办理</translation>
    </message>
    <message>
        <location filename="../qml/controls/BoardServing.qml" line="47"/>
        <source>free</source>
        <translation>空闲</translation>
    </message>
    <message>
        <location filename="../qml/controls/BoardServing.qml" line="60"/>
        <source>window %1</source>
        <translation>%1 号窗口</translation>
    </message>
</context>
<context>
    <name>BoardWaits</name>
    <message>
        <location filename="../qml/controls/BoardWaits.qml" line="17"/>
        <source>Wait for a new ticket</source>
        <translation>现在取号预计等候</translation>
    </message>
    <message>
        <location filename="../qml/controls/BoardWaits.qml" line="56"/>
        <source>about %1 min</source>
        <translation>约 %1 分钟</translation>
    </message>
    <message>
        <location filename="../qml/controls/BoardWaits.qml" line="56"/>
        <source>no estimate yet</source>
        <translation>暂无估计</translation>
    </message>
    <message>
        <location filename="../qml/controls/BoardWaits.qml" line="57"/>
        <source>%1 waiting</source>
        <translation>%1 人在等</translation>
    </message>
</context>
<context>
    <name>CategoryCard</name>
    <message>
        <location filename="../qml/controls/CategoryCard.qml" line="34"/>
        <source>%1 waiting · longest %2 min · new ticket %3 · target %4 min</source>
        <translation>等候 %1 人 · 最长 %2 分 · 新号约 %3 · 目标 %4 分</translation>
    </message>
    <message>
        <location filename="../qml/controls/CategoryCard.qml" line="35"/>
        <source>~%1 min</source>
        <translation>%1 分</translation>
    </message>
</context>
<context>
    <name>ComplaintPage</name>
    <message>
        <location filename="../qml/pages/ComplaintPage.qml" line="25"/>
        <source>On site</source>
        <translation>现场</translation>
    </message>
    <message>
        <location filename="../qml/pages/ComplaintPage.qml" line="25"/>
        <source>Comment book</source>
        <translation>意见簿</translation>
    </message>
    <message>
        <location filename="../qml/pages/ComplaintPage.qml" line="25"/>
        <source>Letter</source>
        <translation>来信</translation>
    </message>
    <message>
        <location filename="../qml/pages/ComplaintPage.qml" line="26"/>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <location filename="../qml/pages/ComplaintPage.qml" line="26"/>
        <source>From head office</source>
        <translation>上级转办</translation>
    </message>
    <message>
        <location filename="../qml/pages/ComplaintPage.qml" line="26"/>
        <source>From the regulator</source>
        <translation>监管转办</translation>
    </message>
    <message>
        <location filename="../qml/pages/ComplaintPage.qml" line="27"/>
        <source>Long wait</source>
        <translation>等候过久</translation>
    </message>
    <message>
        <location filename="../qml/pages/ComplaintPage.qml" line="27"/>
        <source>Staff attitude</source>
        <translation>服务态度</translation>
    </message>
    <message>
        <location filename="../qml/pages/ComplaintPage.qml" line="27"/>
        <source>Operation error</source>
        <translation>操作差错</translation>
    </message>
    <message>
        <location filename="../qml/pages/ComplaintPage.qml" line="28"/>
        <source>Equipment</source>
        <translation>设备故障</translation>
    </message>
    <message>
        <location filename="../qml/pages/ComplaintPage.qml" line="28"/>
        <source>Policy</source>
        <translation>政策制度</translation>
    </message>
    <message>
        <location filename="../qml/pages/ComplaintPage.qml" line="28"/>
        <source>Other</source>
        <translation>其他</translation>
    </message>
    <message>
        <location filename="../qml/pages/ComplaintPage.qml" line="38"/>
        <source>Record a complaint</source>
        <translation>登记投诉</translation>
    </message>
    <message>
        <location filename="../qml/pages/ComplaintPage.qml" line="42"/>
        <source>Received by %1, who owns it until it is answered</source>
        <translation>受理人：%1（首问负责，直至答复）</translation>
    </message>
    <message>
        <location filename="../qml/pages/ComplaintPage.qml" line="45"/>
        <source>How it came</source>
        <translation>投诉渠道</translation>
    </message>
    <message>
        <location filename="../qml/pages/ComplaintPage.qml" line="60"/>
        <source>What it is about</source>
        <translation>投诉原因</translation>
    </message>
    <message>
        <location filename="../qml/pages/ComplaintPage.qml" line="75"/>
        <source>Ticket (optional), e.g. A042</source>
        <translation>相关号票（可选），如 A042</translation>
    </message>
    <message>
        <location filename="../qml/pages/ComplaintPage.qml" line="76"/>
        <source>What the customer said</source>
        <translation>客户反映的问题</translation>
    </message>
    <message>
        <location filename="../qml/pages/ComplaintPage.qml" line="77"/>
        <source>Contact (optional; kept private)</source>
        <translation>联系方式（可选，仅负责人可见）</translation>
    </message>
    <message>
        <location filename="../qml/pages/ComplaintPage.qml" line="83"/>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <location filename="../qml/pages/ComplaintPage.qml" line="91"/>
        <source>Complaint %1 recorded: answer by %2</source>
        <translation>投诉 %1 已登记：请于 %2 前答复</translation>
    </message>
    <message>
        <location filename="../qml/pages/ComplaintPage.qml" line="100"/>
        <source>Receipt for the customer</source>
        <translation>客户回执</translation>
    </message>
</context>
<context>
    <name>ComplaintReceiptDialog</name>
    <message>
        <location filename="../qml/dialogs/ComplaintReceiptDialog.qml" line="26"/>
        <source>Complaint No.</source>
        <translation>投诉编号</translation>
    </message>
    <message>
        <location filename="../qml/dialogs/ComplaintReceiptDialog.qml" line="27"/>
        <source>Received</source>
        <translation>受理日期</translation>
    </message>
    <message>
        <location filename="../qml/dialogs/ComplaintReceiptDialog.qml" line="28"/>
        <source>Handled by</source>
        <translation>负责人</translation>
    </message>
    <message>
        <location filename="../qml/dialogs/ComplaintReceiptDialog.qml" line="29"/>
        <source>You will hear back by</source>
        <translation>答复日期</translation>
    </message>
    <message>
        <location filename="../qml/dialogs/ComplaintReceiptDialog.qml" line="30"/>
        <source>Complaint hotline</source>
        <translation>投诉热线</translation>
    </message>
    <message>
        <location filename="../qml/dialogs/ComplaintReceiptDialog.qml" line="30"/>
        <source>(not set: [branch] complaint_hotline)</source>
        <translation>（未配置：[branch] complaint_hotline）</translation>
    </message>
    <message>
        <location filename="../qml/dialogs/ComplaintReceiptDialog.qml" line="31"/>
        <source>Service phone</source>
        <translation>服务电话</translation>
    </message>
    <message>
        <location filename="../qml/dialogs/ComplaintReceiptDialog.qml" line="31"/>
        <source>(not set: [branch] service_phone)</source>
        <translation>（未配置：[branch] service_phone）</translation>
    </message>
    <message>
        <location filename="../qml/dialogs/ComplaintReceiptDialog.qml" line="43"/>
        <source>Complaint receipt</source>
        <translation>客户投诉回执</translation>
    </message>
    <message>
        <location filename="../qml/dialogs/ComplaintReceiptDialog.qml" line="87"/>
        <source>Please keep this receipt (a photo will do) and quote the complaint number.</source>
        <translation>请保留本回执（拍照即可），查询时请提供投诉编号。</translation>
    </message>
    <message>
        <location filename="../qml/dialogs/ComplaintReceiptDialog.qml" line="91"/>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
</context>
<context>
    <name>ComplaintsPage</name>
    <message>
        <location filename="../qml/pages/ComplaintsPage.qml" line="64"/>
        <source>Already saved</source>
        <translation>已保存（无需重复保存）</translation>
    </message>
    <message>
        <location filename="../qml/pages/ComplaintsPage.qml" line="64"/>
        <source>Saved</source>
        <translation>已保存</translation>
    </message>
    <message>
        <location filename="../qml/pages/ComplaintsPage.qml" line="71"/>
        <source>Answer on the spot</source>
        <translation>当场答复</translation>
    </message>
    <message>
        <location filename="../qml/pages/ComplaintsPage.qml" line="71"/>
        <source>Agree a date</source>
        <translation>约定答复日期</translation>
    </message>
    <message>
        <location filename="../qml/pages/ComplaintsPage.qml" line="72"/>
        <source>Hand over</source>
        <translation>移交</translation>
    </message>
    <message>
        <location filename="../qml/pages/ComplaintsPage.qml" line="72"/>
        <source>Accept</source>
        <translation>接收</translation>
    </message>
    <message>
        <location filename="../qml/pages/ComplaintsPage.qml" line="72"/>
        <source>Decline</source>
        <translation>拒绝接收</translation>
    </message>
    <message>
        <location filename="../qml/pages/ComplaintsPage.qml" line="73"/>
        <source>Investigate</source>
        <translation>调查</translation>
    </message>
    <message>
        <location filename="../qml/pages/ComplaintsPage.qml" line="73"/>
        <source>Reply</source>
        <translation>答复客户</translation>
    </message>
    <message>
        <location filename="../qml/pages/ComplaintsPage.qml" line="73"/>
        <source>Resolve</source>
        <translation>处理完毕</translation>
    </message>
    <message>
        <location filename="../qml/pages/ComplaintsPage.qml" line="74"/>
        <source>Plan a follow-up</source>
        <translation>安排回访</translation>
    </message>
    <message>
        <location filename="../qml/pages/ComplaintsPage.qml" line="74"/>
        <source>Follow-up done</source>
        <translation>已回访</translation>
    </message>
    <message>
        <location filename="../qml/pages/ComplaintsPage.qml" line="75"/>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location filename="../qml/pages/ComplaintsPage.qml" line="75"/>
        <source>Escalate</source>
        <translation>升级</translation>
    </message>
    <message>
        <location filename="../qml/pages/ComplaintsPage.qml" line="78"/>
        <source>What the customer was told</source>
        <translation>向客户答复的内容</translation>
    </message>
    <message>
        <location filename="../qml/pages/ComplaintsPage.qml" line="79"/>
        <source>What the investigation found</source>
        <translation>调查结果</translation>
    </message>
    <message>
        <location filename="../qml/pages/ComplaintsPage.qml" line="80"/>
        <source>How it was resolved (the solution checked)</source>
        <translation>处理结果（方案已核实）</translation>
    </message>
    <message>
        <location filename="../qml/pages/ComplaintsPage.qml" line="81"/>
        <source>What the follow-up found</source>
        <translation>回访结果</translation>
    </message>
    <message>
        <location filename="../qml/pages/ComplaintsPage.qml" line="82"/>
        <source>Why</source>
        <translation>原因</translation>
    </message>
    <message>
        <location filename="../qml/pages/ComplaintsPage.qml" line="85"/>
        <source>running</source>
        <translation>计时中</translation>
    </message>
    <message>
        <location filename="../qml/pages/ComplaintsPage.qml" line="85"/>
        <source>due next working day</source>
        <translation>下一工作日到期</translation>
    </message>
    <message>
        <location filename="../qml/pages/ComplaintsPage.qml" line="86"/>
        <source>due today</source>
        <translation>今天到期</translation>
    </message>
    <message>
        <location filename="../qml/pages/ComplaintsPage.qml" line="86"/>
        <source>overdue</source>
        <translation>已逾期</translation>
    </message>
    <message>
        <location filename="../qml/pages/ComplaintsPage.qml" line="87"/>
        <source>met</source>
        <translation>已按期</translation>
    </message>
    <message>
        <location filename="../qml/pages/ComplaintsPage.qml" line="87"/>
        <source>missed</source>
        <translation>未按期</translation>
    </message>
    <message>
        <location filename="../qml/pages/ComplaintsPage.qml" line="103"/>
        <source>Complaints</source>
        <translation>投诉处理</translation>
    </message>
    <message>
        <location filename="../qml/pages/ComplaintsPage.qml" line="108"/>
        <source>No open complaint for %1</source>
        <translation>%1 没有待处理的投诉</translation>
    </message>
    <message numerus="yes">
        <location filename="../qml/pages/ComplaintsPage.qml" line="109"/>
        <source>%n open complaint(s) for %1</source>
        <translation>
            <numerusform>%1 有 %n 件待处理投诉</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../qml/pages/ComplaintsPage.qml" line="150"/>
        <source>No. %1</source>
        <translation>第 %1 号</translation>
    </message>
    <message>
        <location filename="../qml/pages/ComplaintsPage.qml" line="151"/>
        <source>owner %1</source>
        <translation>负责人 %1</translation>
    </message>
    <message>
        <location filename="../qml/pages/ComplaintsPage.qml" line="187"/>
        <source>Complaint %1: %2</source>
        <translation>投诉 %1：%2</translation>
    </message>
    <message>
        <location filename="../qml/pages/ComplaintsPage.qml" line="197"/>
        <source>Received %1 · owner %2 · the customer hears back by %3</source>
        <translation>受理 %1 · 负责人 %2 · 于 %3 前答复客户</translation>
    </message>
    <message>
        <location filename="../qml/pages/ComplaintsPage.qml" line="199"/>
        <source>ticket %1</source>
        <translation>票号 %1</translation>
    </message>
    <message>
        <location filename="../qml/pages/ComplaintsPage.qml" line="200"/>
        <source>waiting for %1 to accept</source>
        <translation>待 %1 接收</translation>
    </message>
    <message>
        <location filename="../qml/pages/ComplaintsPage.qml" line="201"/>
        <source>escalated to %1</source>
        <translation>已升级至 %1</translation>
    </message>
    <message>
        <location filename="../qml/pages/ComplaintsPage.qml" line="218"/>
        <source>Receipt for the customer</source>
        <translation>客户回执</translation>
    </message>
    <message>
        <location filename="../qml/pages/ComplaintsPage.qml" line="234"/>
        <source>To</source>
        <translation>移交给</translation>
    </message>
    <message>
        <location filename="../qml/pages/ComplaintsPage.qml" line="248"/>
        <source>Date, e.g. 2026-03-04</source>
        <translation>日期，如 2026-03-04</translation>
    </message>
    <message>
        <location filename="../qml/pages/ComplaintsPage.qml" line="253"/>
        <source>Customer satisfied?</source>
        <translation>客户是否满意？</translation>
    </message>
    <message>
        <location filename="../qml/pages/ComplaintsPage.qml" line="255"/>
        <location filename="../qml/pages/ComplaintsPage.qml" line="271"/>
        <source>Yes</source>
        <translation>是</translation>
    </message>
    <message>
        <location filename="../qml/pages/ComplaintsPage.qml" line="255"/>
        <location filename="../qml/pages/ComplaintsPage.qml" line="271"/>
        <source>No</source>
        <translation>否</translation>
    </message>
    <message>
        <location filename="../qml/pages/ComplaintsPage.qml" line="255"/>
        <source>Not known</source>
        <translation>未知</translation>
    </message>
    <message>
        <location filename="../qml/pages/ComplaintsPage.qml" line="269"/>
        <source>Bank at fault?</source>
        <translation>银行是否有责？</translation>
    </message>
    <message>
        <location filename="../qml/pages/ComplaintsPage.qml" line="282"/>
        <source>Apology given ✓</source>
        <translation>已致歉 ✓</translation>
    </message>
    <message>
        <location filename="../qml/pages/ComplaintsPage.qml" line="282"/>
        <source>Apology given?</source>
        <translation>已致歉？</translation>
    </message>
    <message>
        <location filename="../qml/pages/ComplaintsPage.qml" line="287"/>
        <source>Who is responsible (person or department)</source>
        <translation>责任人或责任部门</translation>
    </message>
    <message>
        <location filename="../qml/pages/ComplaintsPage.qml" line="288"/>
        <source>Remedy offered (optional)</source>
        <translation>补救措施（可不填）</translation>
    </message>
    <message>
        <location filename="../qml/pages/ComplaintsPage.qml" line="291"/>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <location filename="../qml/pages/ComplaintsPage.qml" line="304"/>
        <source>Tap a complaint for its clocks and steps</source>
        <translation>点选一件投诉，查看时限并办理</translation>
    </message>
</context>
<context>
    <name>DashboardPage</name>
    <message>
        <location filename="../qml/pages/DashboardPage.qml" line="64"/>
        <source>✓ No alerts</source>
        <translation>✓ 没有提醒</translation>
    </message>
    <message>
        <location filename="../qml/pages/DashboardPage.qml" line="64"/>
        <source>Alerts (%1)</source>
        <translation>提醒 (%1)</translation>
    </message>
</context>
<context>
    <name>DayGlance</name>
    <message>
        <location filename="../qml/controls/DayGlance.qml" line="31"/>
        <source>Today</source>
        <translation>今日</translation>
    </message>
    <message>
        <location filename="../qml/controls/DayGlance.qml" line="39"/>
        <source>called within target</source>
        <translation>目标内叫号</translation>
    </message>
    <message>
        <location filename="../qml/controls/DayGlance.qml" line="43"/>
        <source>Served %1 · waiting %2 · serving %3</source>
        <translation>已办结 %1 · 等候 %2 · 办理中 %3</translation>
    </message>
    <message>
        <location filename="../qml/controls/DayGlance.qml" line="54"/>
        <source>Waits through the day: bars mean, light bars longest</source>
        <translation>全天等候：实心柱为平均，浅色柱为最长</translation>
    </message>
    <message>
        <location filename="../qml/controls/DayGlance.qml" line="69"/>
        <source>No calls yet today</source>
        <translation>今天还没有叫号</translation>
    </message>
    <message>
        <location filename="../qml/controls/DayGlance.qml" line="138"/>
        <source>%1: target %2 min</source>
        <translation>%1：目标 %2 分钟</translation>
    </message>
</context>
<context>
    <name>DevicesPage</name>
    <message>
        <location filename="../qml/pages/DevicesPage.qml" line="16"/>
        <source>Dispenser</source>
        <translation>取号机</translation>
    </message>
    <message>
        <location filename="../qml/pages/DevicesPage.qml" line="16"/>
        <source>Keypad</source>
        <translation>呼叫器</translation>
    </message>
    <message>
        <location filename="../qml/pages/DevicesPage.qml" line="16"/>
        <source>Unknown device</source>
        <translation>未知设备</translation>
    </message>
    <message>
        <location filename="../qml/pages/DevicesPage.qml" line="19"/>
        <source>OK</source>
        <comment>device status</comment>
        <translation>正常</translation>
    </message>
    <message>
        <location filename="../qml/pages/DevicesPage.qml" line="19"/>
        <source>paper low</source>
        <translation>纸将用完</translation>
    </message>
    <message>
        <location filename="../qml/pages/DevicesPage.qml" line="19"/>
        <source>PAPER OUT</source>
        <translation>缺纸</translation>
    </message>
    <message>
        <location filename="../qml/pages/DevicesPage.qml" line="20"/>
        <source>JAM</source>
        <translation>卡纸</translation>
    </message>
    <message>
        <location filename="../qml/pages/DevicesPage.qml" line="20"/>
        <source>COVER OPEN</source>
        <translation>盖板打开</translation>
    </message>
    <message>
        <location filename="../qml/pages/DevicesPage.qml" line="31"/>
        <source>Device health</source>
        <translation>设备状态</translation>
    </message>
    <message>
        <location filename="../qml/pages/DevicesPage.qml" line="34"/>
        <source>No serial ports configured</source>
        <translation>没有配置串口</translation>
    </message>
    <message>
        <location filename="../qml/pages/DevicesPage.qml" line="48"/>
        <source>Port %1</source>
        <translation>串口 %1</translation>
    </message>
    <message>
        <location filename="../qml/pages/DevicesPage.qml" line="49"/>
        <source>up</source>
        <translation>已连接</translation>
    </message>
    <message>
        <location filename="../qml/pages/DevicesPage.qml" line="49"/>
        <source>DOWN: %1</source>
        <translation>断开：%1</translation>
    </message>
    <message>
        <location filename="../qml/pages/DevicesPage.qml" line="50"/>
        <source>frames %1 · bad %2 · reconnects %3</source>
        <translation>帧 %1 · 错误 %2 · 重连 %3</translation>
    </message>
    <message>
        <location filename="../qml/pages/DevicesPage.qml" line="72"/>
        <source>● online</source>
        <translation>● 在线</translation>
    </message>
    <message>
        <location filename="../qml/pages/DevicesPage.qml" line="72"/>
        <source>◆ OFFLINE</source>
        <translation>◆ 离线</translation>
    </message>
    <message>
        <location filename="../qml/pages/DevicesPage.qml" line="77"/>
        <source>last %1</source>
        <translation>最后 %1</translation>
    </message>
    <message>
        <location filename="../qml/pages/DevicesPage.qml" line="79"/>
        <source>frames %1 · resent %2 · refused %3</source>
        <translation>帧 %1 · 重发 %2 · 拒收 %3</translation>
    </message>
</context>
<context>
    <name>FloorPage</name>
    <message>
        <location filename="../qml/pages/FloorPage.qml" line="33"/>
        <source>Lobby incidents</source>
        <translation>大堂突发事件</translation>
    </message>
    <message>
        <location filename="../qml/pages/FloorPage.qml" line="51"/>
        <source>What happened</source>
        <translation>发生了什么</translation>
    </message>
    <message>
        <location filename="../qml/pages/FloorPage.qml" line="54"/>
        <source>Open the incident</source>
        <translation>登记事件</translation>
    </message>
    <message>
        <location filename="../qml/pages/FloorPage.qml" line="59"/>
        <source>Incident %1 opened</source>
        <translation>已登记事件 %1</translation>
    </message>
    <message>
        <location filename="../qml/pages/FloorPage.qml" line="100"/>
        <source>(opened by %1)</source>
        <translation>（%1 登记）</translation>
    </message>
    <message>
        <location filename="../qml/pages/FloorPage.qml" line="118"/>
        <source>Ticked: %1</source>
        <translation>已完成：%1</translation>
    </message>
    <message>
        <location filename="../qml/pages/FloorPage.qml" line="126"/>
        <source>Complaints: %1</source>
        <translation>相关投诉：%1</translation>
    </message>
    <message>
        <location filename="../qml/pages/FloorPage.qml" line="127"/>
        <source>Closed %1</source>
        <translation>已结束 %1</translation>
    </message>
    <message>
        <location filename="../qml/pages/FloorPage.qml" line="134"/>
        <source>Complaint No.</source>
        <translation>投诉编号</translation>
    </message>
    <message>
        <location filename="../qml/pages/FloorPage.qml" line="137"/>
        <source>Link complaint</source>
        <translation>关联投诉</translation>
    </message>
    <message>
        <location filename="../qml/pages/FloorPage.qml" line="142"/>
        <source>Complaint %1 linked</source>
        <translation>已关联投诉 %1</translation>
    </message>
    <message>
        <location filename="../qml/pages/FloorPage.qml" line="146"/>
        <source>Closing note (needed if a step was not done)</source>
        <translation>结束说明（有步骤未完成时必填）</translation>
    </message>
    <message>
        <location filename="../qml/pages/FloorPage.qml" line="149"/>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location filename="../qml/pages/FloorPage.qml" line="151"/>
        <source>Incident %1 closed</source>
        <translation>事件 %1 已结束</translation>
    </message>
</context>
<context>
    <name>IncidentsPage</name>
    <message>
        <location filename="../qml/pages/IncidentsPage.qml" line="21"/>
        <source>open</source>
        <translation>未处理</translation>
    </message>
    <message>
        <location filename="../qml/pages/IncidentsPage.qml" line="21"/>
        <source>acknowledged</source>
        <translation>已确认</translation>
    </message>
    <message>
        <location filename="../qml/pages/IncidentsPage.qml" line="21"/>
        <source>resolved</source>
        <translation>已处理</translation>
    </message>
    <message>
        <location filename="../qml/pages/IncidentsPage.qml" line="22"/>
        <source>cleared</source>
        <translation>已消除</translation>
    </message>
    <message>
        <location filename="../qml/pages/IncidentsPage.qml" line="22"/>
        <source>escalated</source>
        <translation>已上报</translation>
    </message>
    <message>
        <location filename="../qml/pages/IncidentsPage.qml" line="29"/>
        <source>Today&apos;s incidents</source>
        <translation>今日事件</translation>
    </message>
    <message>
        <location filename="../qml/pages/IncidentsPage.qml" line="36"/>
        <source>Search (A042, window 3, offline …)</source>
        <translation>搜索（A042、3 号窗口、离线……）</translation>
    </message>
</context>
<context>
    <name>Main</name>
    <message>
        <location filename="../qml/Main.qml" line="19"/>
        <source>LobbyWatch lobby</source>
        <translation>LobbyWatch 大堂监控</translation>
    </message>
</context>
<context>
    <name>ManageMenu</name>
    <message>
        <location filename="../qml/dialogs/ManageMenu.qml" line="27"/>
        <source>Thresholds</source>
        <translation>阈值</translation>
    </message>
    <message>
        <location filename="../qml/dialogs/ManageMenu.qml" line="34"/>
        <source>Complaint</source>
        <translation>投诉登记</translation>
    </message>
    <message>
        <location filename="../qml/dialogs/ManageMenu.qml" line="41"/>
        <source>Open complaints</source>
        <translation>待处理投诉</translation>
    </message>
    <message>
        <location filename="../qml/dialogs/ManageMenu.qml" line="48"/>
        <source>Lobby incidents</source>
        <translation>大堂突发事件</translation>
    </message>
    <message>
        <location filename="../qml/dialogs/ManageMenu.qml" line="55"/>
        <source>Ticket lookup</source>
        <translation>查询票号</translation>
    </message>
    <message>
        <location filename="../qml/dialogs/ManageMenu.qml" line="62"/>
        <source>Reports</source>
        <translation>报表</translation>
    </message>
</context>
<context>
    <name>PageHeader</name>
    <message>
        <location filename="../qml/controls/PageHeader.qml" line="14"/>
        <source>Back</source>
        <translation>返回</translation>
    </message>
</context>
<context>
    <name>PublicBoard</name>
    <message>
        <location filename="../qml/PublicBoard.qml" line="20"/>
        <source>Now serving</source>
        <translation>叫号</translation>
    </message>
    <message>
        <location filename="../qml/PublicBoard.qml" line="37"/>
        <source>Recent calls</source>
        <translation>刚才叫号</translation>
    </message>
    <message>
        <location filename="../qml/PublicBoard.qml" line="85"/>
        <source>Please watch for your number</source>
        <translation>请留意叫号</translation>
    </message>
    <message>
        <location filename="../qml/PublicBoard.qml" line="97"/>
        <source>Complaint hotline %1</source>
        <translation>投诉热线 %1</translation>
    </message>
    <message>
        <location filename="../qml/PublicBoard.qml" line="99"/>
        <source>Service phone %1</source>
        <translation>服务电话 %1</translation>
    </message>
</context>
<context>
    <name>ReportHeat</name>
    <message>
        <location filename="../qml/controls/ReportHeat.qml" line="10"/>
        <source>Mon</source>
        <translation>周一</translation>
    </message>
    <message>
        <location filename="../qml/controls/ReportHeat.qml" line="10"/>
        <source>Tue</source>
        <translation>周二</translation>
    </message>
    <message>
        <location filename="../qml/controls/ReportHeat.qml" line="10"/>
        <source>Wed</source>
        <translation>周三</translation>
    </message>
    <message>
        <location filename="../qml/controls/ReportHeat.qml" line="10"/>
        <source>Thu</source>
        <translation>周四</translation>
    </message>
    <message>
        <location filename="../qml/controls/ReportHeat.qml" line="10"/>
        <source>Fri</source>
        <translation>周五</translation>
    </message>
    <message>
        <location filename="../qml/controls/ReportHeat.qml" line="10"/>
        <source>Sat</source>
        <translation>周六</translation>
    </message>
    <message>
        <location filename="../qml/controls/ReportHeat.qml" line="10"/>
        <source>Sun</source>
        <translation>周日</translation>
    </message>
    <message>
        <location filename="../qml/controls/ReportHeat.qml" line="13"/>
        <source>Mean wait by weekday and hour (min)</source>
        <translation>各时段平均等候（分）</translation>
    </message>
</context>
<context>
    <name>ReportShares</name>
    <message>
        <location filename="../qml/controls/ReportShares.qml" line="12"/>
        <source>Called within target</source>
        <translation>目标内叫号</translation>
    </message>
    <message>
        <location filename="../qml/controls/ReportShares.qml" line="23"/>
        <source>All</source>
        <translation>全部</translation>
    </message>
    <message>
        <location filename="../qml/controls/ReportShares.qml" line="25"/>
        <source>%1 tickets (%2) · mean wait %3 min (%4) · p90 %5 min</source>
        <translation>取号 %1（%2）· 平均等候 %3 分（%4）· 90% %5 分</translation>
    </message>
</context>
<context>
    <name>ReportsPage</name>
    <message>
        <location filename="../qml/pages/ReportsPage.qml" line="39"/>
        <source>Reports</source>
        <translation>报表</translation>
    </message>
    <message>
        <location filename="../qml/pages/ReportsPage.qml" line="40"/>
        <source>Last 7 days</source>
        <translation>最近 7 天</translation>
    </message>
    <message>
        <location filename="../qml/pages/ReportsPage.qml" line="41"/>
        <source>This month</source>
        <translation>本月</translation>
    </message>
    <message>
        <location filename="../qml/pages/ReportsPage.qml" line="42"/>
        <source>Last month</source>
        <translation>上月</translation>
    </message>
    <message>
        <location filename="../qml/pages/ReportsPage.qml" line="43"/>
        <source>Back</source>
        <translation>返回</translation>
    </message>
    <message>
        <location filename="../qml/pages/ReportsPage.qml" line="49"/>
        <source>%1 – %2, beside %3 onwards (in brackets)</source>
        <translation>%1 至 %2，括号内为自 %3 起的上期</translation>
    </message>
    <message>
        <location filename="../qml/pages/ReportsPage.qml" line="67"/>
        <source>Complaints: %1 · after a wait alert %2 · answered on time %3, late %4 · open %5</source>
        <translation>投诉 %1 · 等候提醒之后 %2 · 按期答复 %3，逾期 %4 · 未答复 %5</translation>
    </message>
    <message>
        <location filename="../qml/pages/ReportsPage.qml" line="78"/>
        <source>%1: %2 incidents, %3 never acknowledged, %4 escalated</source>
        <translation>%1：%2 次，未确认 %3，已上报 %4</translation>
    </message>
    <message>
        <location filename="../qml/pages/ReportsPage.qml" line="90"/>
        <source>Windows</source>
        <translation>窗口</translation>
    </message>
    <message>
        <location filename="../qml/pages/ReportsPage.qml" line="97"/>
        <source>Window %1: served %2 · mean service %3 min · walk %4 s · open %5 h · paused %6 h · idle while waited for %7 h</source>
        <translation>%1 号窗口：办结 %2 · 平均办理 %3 分 · 走到窗口 %4 秒 · 开放 %5 时 · 暂停 %6 时 · 有人等候时空闲 %7 时</translation>
    </message>
    <message numerus="yes">
        <location filename="../qml/pages/ReportsPage.qml" line="100"/>
        <source>%n call(s) out of turn</source>
        <translation>
            <numerusform>未按顺序叫号 %n 次</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../qml/pages/ReportsPage.qml" line="1"/>
        <source>Beside the region&apos;s average</source>
        <translation>与本区域平均对比</translation>
    </message>
    <message>
        <location filename="../qml/pages/ReportsPage.qml" line="1"/>
        <source>Served per branch</source>
        <translation>每网点服务人数</translation>
    </message>
    <message>
        <location filename="../qml/pages/ReportsPage.qml" line="1"/>
        <source>Mean wait (min)</source>
        <translation>平均等候（分钟）</translation>
    </message>
    <message>
        <location filename="../qml/pages/ReportsPage.qml" line="1"/>
        <source>p90 wait (min)</source>
        <translation>90% 等候（分钟）</translation>
    </message>
    <message>
        <location filename="../qml/pages/ReportsPage.qml" line="1"/>
        <source>Called within target</source>
        <translation>目标时间内叫号</translation>
    </message>
    <message>
        <location filename="../qml/pages/ReportsPage.qml" line="1"/>
        <source>Complaints per 10,000 served</source>
        <translation>每万人次投诉</translation>
    </message>
    <message>
        <location filename="../qml/pages/ReportsPage.qml" line="1"/>
        <source>Region figures: asking the central database…</source>
        <translation>本区域数据：正在查询总行数据库…</translation>
    </message>
    <message>
        <location filename="../qml/pages/ReportsPage.qml" line="1"/>
        <source>This branch</source>
        <translation>本网点</translation>
    </message>
    <message>
        <location filename="../qml/pages/ReportsPage.qml" line="1"/>
        <source>Region %1 (%2 branches)</source>
        <translation>区域 %1（%2 个网点）</translation>
    </message>
    <message>
        <location filename="../qml/pages/ReportsPage.qml" line="1"/>
        <source>Region</source>
        <translation>本区域</translation>
    </message>
</context>
<context>
    <name>ResolveDialog</name>
    <message>
        <location filename="../qml/dialogs/ResolveDialog.qml" line="34"/>
        <source>What was done</source>
        <translation>处理结果</translation>
    </message>
    <message>
        <location filename="../qml/dialogs/ResolveDialog.qml" line="62"/>
        <source>Or type a note</source>
        <translation>或输入说明</translation>
    </message>
    <message>
        <location filename="../qml/dialogs/ResolveDialog.qml" line="63"/>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <location filename="../qml/dialogs/ResolveDialog.qml" line="64"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>ScrollPage</name>
    <message>
        <location filename="../qml/controls/ScrollPage.qml" line="30"/>
        <source>▼ More below: swipe up</source>
        <translation>▼ 下方还有内容：向上滑动</translation>
    </message>
</context>
<context>
    <name>SignInDialog</name>
    <message>
        <location filename="../qml/dialogs/SignInDialog.qml" line="37"/>
        <source>Manager sign-in</source>
        <translation>管理人员登录</translation>
    </message>
    <message>
        <location filename="../qml/dialogs/SignInDialog.qml" line="46"/>
        <source>branch head</source>
        <translation>网点负责人</translation>
    </message>
    <message>
        <location filename="../qml/dialogs/SignInDialog.qml" line="46"/>
        <source>lobby manager</source>
        <translation>大堂经理</translation>
    </message>
    <message>
        <location filename="../qml/dialogs/SignInDialog.qml" line="65"/>
        <source>OK</source>
        <translation>确定</translation>
    </message>
    <message>
        <location filename="../qml/dialogs/SignInDialog.qml" line="78"/>
        <source>Tap your name first</source>
        <translation>请先点选您的姓名</translation>
    </message>
    <message>
        <location filename="../qml/dialogs/SignInDialog.qml" line="96"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>Stepper</name>
    <message>
        <location filename="../qml/controls/Stepper.qml" line="24"/>
        <source>%1 min</source>
        <translation>%1 分</translation>
    </message>
</context>
<context>
    <name>ThresholdsPage</name>
    <message>
        <location filename="../qml/pages/ThresholdsPage.qml" line="25"/>
        <source>Wait thresholds</source>
        <translation>等候阈值</translation>
    </message>
    <message>
        <location filename="../qml/pages/ThresholdsPage.qml" line="32"/>
        <source>Target: the service level&apos;s goal. Warning: a long-wait alert. Limit: a breach. Changes apply at once and are recorded with your name.</source>
        <translation>目标：服务水平的目标。预警：超过即提醒长时间等候。上限：超过即为超时。修改立即生效，并记录您的姓名。</translation>
    </message>
    <message>
        <location filename="../qml/pages/ThresholdsPage.qml" line="56"/>
        <source>Target</source>
        <translation>目标</translation>
    </message>
    <message>
        <location filename="../qml/pages/ThresholdsPage.qml" line="57"/>
        <source>Warning</source>
        <translation>预警</translation>
    </message>
    <message>
        <location filename="../qml/pages/ThresholdsPage.qml" line="58"/>
        <source>Limit</source>
        <translation>上限</translation>
    </message>
    <message>
        <location filename="../qml/pages/ThresholdsPage.qml" line="61"/>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <location filename="../qml/pages/ThresholdsPage.qml" line="67"/>
        <source>Saved: %1 target %2 min, warning %3 min, limit %4 min</source>
        <translation>已保存：%1 目标 %2 分钟，预警 %3 分钟，上限 %4 分钟</translation>
    </message>
</context>
<context>
    <name>TicketPage</name>
    <message>
        <location filename="../qml/pages/TicketPage.qml" line="34"/>
        <source>Ticket lookup</source>
        <translation>查询票号</translation>
    </message>
    <message>
        <location filename="../qml/pages/TicketPage.qml" line="38"/>
        <source>Ticket, e.g. A042</source>
        <translation>票号，如 A042</translation>
    </message>
    <message>
        <location filename="../qml/pages/TicketPage.qml" line="39"/>
        <source>Day (empty: today)</source>
        <translation>日期（不填为今天）</translation>
    </message>
    <message>
        <location filename="../qml/pages/TicketPage.qml" line="40"/>
        <source>Look up</source>
        <translation>查询</translation>
    </message>
    <message>
        <location filename="../qml/pages/TicketPage.qml" line="81"/>
        <source>%1 on %2, issued at %3</source>
        <translation>%1（%2）取号时间 %3</translation>
    </message>
    <message>
        <location filename="../qml/pages/TicketPage.qml" line="108"/>
        <source>Why (e.g. the customer was at the ATM)</source>
        <translation>原因（如客户在自助设备区）</translation>
    </message>
    <message>
        <location filename="../qml/pages/TicketPage.qml" line="111"/>
        <source>Re-queue (my decision)</source>
        <translation>重新排队（本人决定）</translation>
    </message>
    <message>
        <location filename="../qml/pages/TicketPage.qml" line="117"/>
        <source>Recorded: re-queued on your decision</source>
        <translation>已记录：经您决定重新排队</translation>
    </message>
</context>
<context>
    <name>TopBar</name>
    <message>
        <location filename="../qml/controls/TopBar.qml" line="33"/>
        <source>LobbyWatch lobby</source>
        <translation>LobbyWatch 大堂监控</translation>
    </message>
    <message>
        <location filename="../qml/controls/TopBar.qml" line="44"/>
        <source>Devices</source>
        <translation>设备</translation>
    </message>
    <message>
        <location filename="../qml/controls/TopBar.qml" line="44"/>
        <source>◆ LINK DOWN</source>
        <translation>◆ 设备断开</translation>
    </message>
    <message>
        <location filename="../qml/controls/TopBar.qml" line="51"/>
        <source>Manage ▾</source>
        <translation>管理 ▾</translation>
    </message>
    <message>
        <location filename="../qml/controls/TopBar.qml" line="57"/>
        <source>Incident log</source>
        <translation>事件记录</translation>
    </message>
    <message>
        <location filename="../qml/controls/TopBar.qml" line="77"/>
        <source>%1 · Sign out</source>
        <translation>%1 · 退出</translation>
    </message>
    <message>
        <location filename="../qml/controls/TopBar.qml" line="77"/>
        <source>Sign in</source>
        <translation>登录</translation>
    </message>
</context>
<context>
    <name>TouchKeyboard</name>
    <message>
        <location filename="../qml/controls/TouchKeyboard.qml" line="104"/>
        <source>Space</source>
        <translation>空格</translation>
    </message>
    <message>
        <location filename="../qml/controls/TouchKeyboard.qml" line="109"/>
        <source>Done</source>
        <translation>完成</translation>
    </message>
</context>
<context>
    <name>WholeRowList</name>
    <message numerus="yes">
        <location filename="../qml/controls/WholeRowList.qml" line="56"/>
        <source>▼ %n more below: swipe up</source>
        <translation>
            <numerusform>▼ 下方还有 %n 条：向上滑动</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>WindowTile</name>
    <message>
        <location filename="../qml/controls/WindowTile.qml" line="23"/>
        <source>Serving</source>
        <translation>办理中</translation>
    </message>
    <message>
        <location filename="../qml/controls/WindowTile.qml" line="23"/>
        <source>Free</source>
        <translation>空闲</translation>
    </message>
    <message>
        <location filename="../qml/controls/WindowTile.qml" line="24"/>
        <source>Paused</source>
        <translation>暂停</translation>
    </message>
    <message>
        <location filename="../qml/controls/WindowTile.qml" line="24"/>
        <source>Closed</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>lunch</source>
        <translation type="vanished">午休</translation>
    </message>
    <message>
        <source>break</source>
        <translation type="vanished">休息</translation>
    </message>
    <message>
        <source>fault</source>
        <translation type="vanished">故障</translation>
    </message>
    <message>
        <source>other business</source>
        <translation type="vanished">其他事务</translation>
    </message>
    <message>
        <location filename="../qml/controls/WindowTile.qml" line="32"/>
        <source>SLOW</source>
        <translation>慢</translation>
    </message>
    <message>
        <location filename="../qml/controls/WindowTile.qml" line="32"/>
        <source>IDLE</source>
        <translation>空闲</translation>
    </message>
    <message>
        <location filename="../qml/controls/WindowTile.qml" line="32"/>
        <source>NO-SHOWS</source>
        <translation>过号多</translation>
    </message>
    <message>
        <location filename="../qml/controls/WindowTile.qml" line="32"/>
        <source>CLOSED</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location filename="../qml/controls/WindowTile.qml" line="69"/>
        <source>%1 min</source>
        <translation>%1 分</translation>
    </message>
    <message>
        <location filename="../qml/controls/WindowTile.qml" line="79"/>
        <source>Served %1 · mean %2 min</source>
        <translation>已办 %1 · 平均 %2 分</translation>
    </message>
</context>
</TS>
