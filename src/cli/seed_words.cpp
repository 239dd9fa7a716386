#include "cli/seed_words.hpp"

#include <algorithm>
#include <map>

namespace hiresafe::cli {

namespace {

// Lists inside the tables are '|'-separated, split once when the vocabulary is built.
std::vector<std::string_view> split(std::string_view list) {
  std::vector<std::string_view> out;
  while (!list.empty()) {
    const auto bar = list.find('|');
    out.push_back(list.substr(0, bar));
    if (bar == std::string_view::npos) break;
    list.remove_prefix(bar + 1);
  }
  return out;
}

struct CategorySpec {
  std::string_view id, titles, title_en, skills;
  int pay;
  bool frontline;
};

// Titles, skills and pay per category of resources/job_categories.tsv. Pay is what a mid-level
// post in a tier-1 city typically offers a month; levels and city tiers scale it.
constexpr CategorySpec kCategorySpecs[] = {
    {"tech.backend", "后端开发工程师|Java开发工程师|Go开发工程师|服务端开发工程师",
     "Backend Engineer", "Java|Go|C++|Python|MySQL|Redis|Kafka|微服务|Spring Boot|分布式系统",
     22000, false},
    {"tech.frontend", "前端开发工程师|Web前端工程师|H5开发工程师", "Frontend Engineer",
     "JavaScript|TypeScript|Vue|React|HTML5|CSS|Node.js|小程序开发|Webpack", 20000, false},
    {"tech.mobile", "Android开发工程师|iOS开发工程师|移动端开发工程师|Flutter开发工程师",
     "Mobile Engineer", "Android|iOS|Kotlin|Swift|Flutter|Objective-C|React Native|性能优化", 21000,
     false},
    {"tech.qa", "测试工程师|自动化测试工程师|软件测试工程师|测试开发工程师", "QA Engineer",
     "自动化测试|Selenium|接口测试|性能测试|JMeter|Python|测试用例设计|Linux", 16000, false},
    {"tech.devops", "运维工程师|DevOps工程师|SRE工程师|系统运维工程师", "DevOps Engineer",
     "Linux|Kubernetes|Docker|Shell|Ansible|Prometheus|CI/CD|云计算", 19000, false},
    {"tech.data", "数据开发工程师|大数据开发工程师|数据分析师|数据仓库工程师", "Data Engineer",
     "SQL|Hive|Spark|Flink|Hadoop|Python|数据仓库|ETL|Tableau", 22000, false},
    {"tech.ai", "算法工程师|机器学习工程师|NLP算法工程师|计算机视觉工程师|推荐算法工程师",
     "Machine Learning Engineer",
     "PyTorch|TensorFlow|深度学习|机器学习|自然语言处理|计算机视觉|推荐系统|大模型|Python", 32000,
     false},
    {"tech.security", "安全工程师|网络安全工程师|渗透测试工程师|安全运营工程师",
     "Security Engineer", "渗透测试|漏洞挖掘|Web安全|等保测评|防火墙|安全审计|Python|SIEM", 24000,
     false},
    {"tech.embedded", "嵌入式软件工程师|硬件工程师|单片机开发工程师|驱动开发工程师",
     "Embedded Engineer", "C语言|ARM|RTOS|单片机|嵌入式Linux|PCB设计|FPGA|驱动开发", 20000, false},
    {"tech.it_support", "IT运维专员|桌面运维工程师|IT支持工程师|网络管理员",
     "IT Support Specialist",
     "Windows|网络配置|打印机维护|Office|服务器维护|路由交换|Active Directory", 9000, false},

    {"product.manager", "产品经理|产品专员|B端产品经理|C端产品经理", "Product Manager",
     "需求分析|Axure|原型设计|用户研究|PRD|数据分析|竞品分析|项目推进", 24000, false},
    {"product.data", "数据产品经理|数据产品专员|BI产品经理", "Data Product Manager",
     "SQL|数据可视化|指标体系|BI|埋点设计|A/B测试|数据分析", 26000, false},
    {"product.hardware", "硬件产品经理|智能硬件产品经理|IoT产品经理", "Hardware Product Manager",
     "智能硬件|IoT|供应链|结构设计|产品定义|成本控制|项目推进", 25000, false},
    {"product.game_design", "游戏策划|数值策划|关卡策划|系统策划", "Game Designer",
     "数值平衡|关卡设计|系统设计|剧情策划|Excel|Unity|游戏分析", 18000, false},
    {"product.project", "项目经理|项目专员|项目助理|IT项目经理", "Project Manager",
     "PMP|项目管理|敏捷开发|Scrum|风险管理|进度控制|Jira|沟通协调", 20000, false},
    {"product.analyst", "需求分析师|业务分析师|系统分析师", "Business Analyst",
     "需求分析|业务流程梳理|UML|Visio|SQL|用例设计|Axure", 19000, false},

    {"design.ui", "UI设计师|视觉UI设计师|移动端UI设计师", "UI Designer",
     "Figma|Sketch|Photoshop|Illustrator|UI设计|图标设计|设计规范|动效设计", 16000, false},
    {"design.ux", "交互设计师|用户体验设计师|UX设计师", "UX Designer",
     "交互设计|用户研究|Axure|Figma|原型设计|可用性测试|信息架构", 19000, false},
    {"design.visual", "平面设计师|视觉设计师|美工|品牌设计师", "Graphic Designer",
     "Photoshop|Illustrator|InDesign|CorelDRAW|海报设计|版式设计|品牌VI|C4D", 11000, false},
    {"design.industrial", "工业设计师|产品外观设计师|ID设计师", "Industrial Designer",
     "Rhino|KeyShot|SolidWorks|产品外观设计|手绘|CMF设计|3D建模", 14000, false},
    {"design.game_art", "游戏原画师|3D美术设计师|游戏UI设计师|游戏特效设计师", "Game Artist",
     "原画|3ds Max|Maya|ZBrush|Spine|Unity|角色设计|场景设计", 17000, false},
    {"design.interior", "室内设计师|软装设计师|家装设计师", "Interior Designer",
     "AutoCAD|3ds Max|SketchUp|效果图|软装搭配|施工图|空间规划", 12000, false},
    {"design.fashion", "服装设计师|面料设计师|服装版师", "Fashion Designer",
     "服装设计|面料知识|打版|CorelDRAW|款式设计|流行趋势分析", 12000, false},

    {"operations.content", "内容运营|内容运营专员|内容策划运营", "Content Operations Specialist",
     "内容策划|选题策划|文案写作|数据分析|短视频|公众号运营", 12000, false},
    {"operations.user", "用户运营|用户增长运营|会员运营", "User Operations Specialist",
     "用户增长|用户分层|会员体系|活动策划|数据分析|私域运营|SQL", 14000, false},
    {"operations.product", "产品运营|产品运营专员|策略运营", "Product Operations Specialist",
     "数据分析|活动策划|需求反馈|运营策略|A/B测试|Excel", 15000, false},
    {"operations.ecommerce", "电商运营|天猫运营|京东运营|拼多多运营|跨境电商运营",
     "E-commerce Operations Specialist", "天猫|京东|拼多多|直通车|店铺运营|选品|亚马逊|数据分析",
     12000, false},
    {"operations.community", "社群运营|社区运营|私域社群运营", "Community Operations Specialist",
     "社群运营|私域运营|企业微信|活动策划|用户维护|文案写作", 10000, false},
    {"operations.new_media", "新媒体运营|抖音运营|小红书运营|公众号运营",
     "Social Media Operations Specialist", "抖音|小红书|微信公众号|短视频|直播运营|文案写作|剪映",
     11000, false},

    {"marketing.brand", "品牌经理|品牌专员|品牌策划", "Brand Manager",
     "品牌策划|品牌定位|整合营销|文案写作|市场分析|广告投放", 18000, false},
    {"marketing.digital", "信息流投放专员|效果广告优化师|投放经理",
     "Performance Marketing Specialist", "信息流投放|巨量引擎|广点通|ROI优化|数据分析|Excel|千川",
     14000, false},
    {"marketing.seo", "SEO专员|SEM专员|搜索营销专员", "SEO/SEM Specialist",
     "SEO|SEM|百度推广|关键词优化|Google Ads|网站分析|Google Analytics", 11000, false},
    {"marketing.pr", "公关专员|公关经理|媒介专员", "PR Specialist",
     "媒体关系|危机公关|新闻稿撰写|活动执行|舆情监测|媒介投放", 15000, false},
    {"marketing.events", "活动策划|活动执行|会展策划", "Event Marketing Specialist",
     "活动策划|活动执行|会展|预算控制|供应商管理|现场管理", 11000, false},
    {"marketing.research", "市场调研专员|市场研究员|市场分析师", "Market Research Analyst",
     "市场调研|问卷设计|SPSS|数据分析|竞品分析|行业研究|Excel", 14000, false},
    {"marketing.advertising", "广告创意|创意策划|广告文案|美术指导", "Advertising Creative",
     "创意策划|广告文案|提案|品牌传播|视觉表达|Photoshop", 14000, false},

    {"sales.key_account", "大客户经理|大客户销售|KA经理", "Key Account Manager",
     "大客户开发|商务谈判|客户关系管理|招投标|解决方案销售|CRM", 18000, false},
    {"sales.channel", "渠道销售|渠道经理|招商经理|区域销售", "Channel Sales Manager",
     "渠道开发|代理商管理|招商|商务谈判|区域市场|经销商管理", 14000, false},
    {"sales.inside", "电话销售|电销专员|课程销售|网络销售", "Inside Sales Representative",
     "电话销售|客户开发|CRM|话术|销售技巧|沟通表达", 8000, false},
    {"sales.presales", "售前工程师|售前技术支持|解决方案工程师", "Pre-sales Engineer",
     "解决方案|技术方案编写|招投标|产品演示|PPT|云计算", 20000, false},
    {"sales.business_development", "商务拓展|BD经理|商务经理|商务专员",
     "Business Development Manager", "商务拓展|商务谈判|合作伙伴管理|资源整合|市场开拓", 15000,
     false},
    {"sales.foreign_trade", "外贸业务员|外贸专员|外贸跟单|外贸经理",
     "International Trade Specialist", "英语|外贸函电|阿里巴巴国际站|报价|信用证|展会|跨境贸易",
     10000, false},
    {"sales.operations", "销售运营|销售管理专员|商务运营", "Sales Operations Specialist",
     "销售数据分析|CRM|Excel|销售预测|合同管理|Salesforce", 13000, false},

    {"customer_service.support", "客服专员|在线客服|客服代表", "Customer Support Representative",
     "在线客服|客户沟通|工单处理|投诉处理|Office|普通话", 6000, true},
    {"customer_service.after_sales", "售后服务专员|售后工程师|售后客服",
     "After-sales Service Specialist", "售后服务|安装调试|故障排查|客户回访|投诉处理|设备维修",
     7500, true},
    {"customer_service.success", "客户成功经理|客户成功专员|客户经理", "Customer Success Manager",
     "客户成功|续费管理|客户培训|SaaS|客户关系管理|数据分析", 14000, false},
    {"customer_service.call_center", "呼叫中心坐席|话务员|热线客服", "Call Center Agent",
     "话务服务|呼叫中心|普通话|打字速度|客户沟通|工单处理", 5500, true},
    {"customer_service.quality", "客服质检专员|质检专员|服务质量专员", "Service Quality Analyst",
     "质检标准|录音抽检|质检报告|Excel|服务质量分析|培训辅导", 7000, false},

    {"hr.recruiting", "招聘专员|招聘经理|猎头顾问|HR招聘专员", "Recruiter",
     "招聘渠道|简历筛选|面试技巧|人才寻访|雇主品牌|校园招聘", 11000, false},
    {"hr.compensation", "薪酬福利专员|薪酬绩效专员|薪酬经理", "Compensation & Benefits Specialist",
     "薪酬核算|社保公积金|绩效管理|个税申报|Excel|劳动法", 12000, false},
    {"hr.training", "培训专员|培训经理|人才发展专员", "Training Specialist",
     "培训体系搭建|课程开发|培训组织|讲师管理|人才盘点", 12000, false},
    {"hr.employee_relations", "员工关系专员|员工关系经理", "Employee Relations Specialist",
     "劳动合同管理|劳动法|员工关怀|劳动争议处理|入离职手续", 11000, false},
    {"hr.hrbp", "HRBP|人力资源业务伙伴", "HR Business Partner",
     "组织诊断|人才盘点|绩效管理|员工关系|业务理解|招聘", 20000, false},
    {"hr.organization", "组织发展专员|OD经理|组织发展经理", "Organization Development Specialist",
     "组织设计|人才盘点|领导力发展|企业文化|绩效管理", 22000, false},

    {"finance.accounting", "会计|总账会计|成本会计|财务会计", "Accountant",
     "会计核算|金蝶|用友|Excel|财务报表|成本核算|税务申报", 10000, false},
    {"finance.cashier", "出纳|出纳员|财务出纳", "Cashier",
     "现金管理|银行对账|网银操作|票据管理|Excel", 6500, false},
    {"finance.audit", "审计专员|内审专员|审计经理|审计助理", "Auditor",
     "内部审计|财务审计|CPA|风险评估|审计报告|内控", 14000, false},
    {"finance.tax", "税务专员|税务经理|税务会计", "Tax Specialist",
     "税务筹划|纳税申报|增值税|企业所得税|税务稽查|发票管理", 13000, false},
    {"finance.analysis", "财务分析师|财务BP|经营分析专员", "Financial Analyst",
     "财务分析|预算管理|财务建模|Excel|经营分析|PPT", 18000, false},
    {"finance.investment", "投资经理|投资分析师|融资经理|投后管理专员", "Investment Manager",
     "行业研究|财务建模|尽职调查|估值|投后管理|CFA", 28000, false},
    {"finance.risk", "风控专员|信贷风控经理|风控策略分析师", "Risk Control Specialist",
     "风控模型|信贷审批|反欺诈|SQL|Python|风险评估", 18000, false},
    {"finance.banking", "银行客户经理|银行柜员|理财经理|对公客户经理", "Banking Specialist",
     "信贷业务|理财产品|对公业务|柜面业务|客户开发|AFP", 12000, false},

    {"legal.counsel", "法务专员|法务经理|企业法务", "Corporate Counsel",
     "合同审核|法律咨询|诉讼管理|法律职业资格|公司法|劳动法", 16000, false},
    {"legal.compliance", "合规专员|合规经理|合规管理岗", "Compliance Specialist",
     "合规审查|反洗钱|内控制度|监管报送|数据合规|风险排查", 18000, false},
    {"legal.ip", "知识产权专员|专利工程师|专利代理师|商标专员", "IP Specialist",
     "专利撰写|专利检索|商标注册|知识产权保护|专利代理", 15000, false},
    {"legal.lawyer", "律师|专职律师|诉讼律师|非诉律师", "Lawyer",
     "诉讼代理|法律文书|民商事诉讼|非诉业务|法律职业资格|尽职调查", 20000, false},
    {"legal.paralegal", "律师助理|法律助理|律所助理", "Paralegal",
     "法律文书|案件整理|法律检索|档案管理|Office", 8000, false},

    {"admin.assistant", "行政专员|行政助理|综合行政专员", "Administrative Assistant",
     "行政事务|办公用品管理|会议安排|Office|公文写作|费用报销", 7500, false},
    {"admin.reception", "前台|前台接待|行政前台", "Receptionist",
     "前台接待|访客登记|电话接听|快递收发|Office", 6000, true},
    {"admin.executive_assistant", "总裁助理|秘书|总经理助理|董事长秘书", "Executive Assistant",
     "日程管理|会议纪要|公文写作|商务接待|PPT|英语", 13000, false},
    {"admin.facilities", "后勤专员|后勤主管|食堂管理员", "Facilities Coordinator",
     "后勤管理|资产管理|宿舍管理|供应商管理|安全巡查", 7000, true},
    {"admin.clerk", "文员|档案管理员|资料员|录入员", "Clerk",
     "档案管理|数据录入|Office|打字|资料整理|Word", 5500, true},

    {"education.preschool", "幼儿教师|幼师|早教老师|保育员", "Preschool Teacher",
     "幼儿教育|教师资格证|绘画|舞蹈|钢琴|保育", 6500, false},
    {"education.k12", "小学语文教师|初中数学教师|高中英语教师|物理老师|班主任", "K-12 Teacher",
     "教师资格证|课堂教学|教案编写|班级管理|中考辅导|高考辅导", 10000, false},
    {"education.tutoring", "课外辅导老师|学科辅导老师|托管老师", "Tutor",
     "学科辅导|作业辅导|一对一辅导|小班教学|教师资格证", 8000, false},
    {"education.language", "英语老师|外语教师|日语老师|少儿英语老师|雅思老师", "Language Teacher",
     "英语|雅思|托福|日语|口语教学|TESOL", 11000, false},
    {"education.vocational", "职业培训讲师|技能培训师|IT培训讲师", "Vocational Trainer",
     "课程讲授|技能培训|课件制作|Java|PPT|职业技能鉴定", 12000, false},
    {"education.higher", "高校教师|科研助理|博士后|高校讲师", "University Lecturer",
     "科研项目|论文写作|课堂教学|学科建设|实验设计", 14000, false},
    {"education.curriculum", "教研员|课程设计师|教研老师|课程研发专员", "Curriculum Developer",
     "课程研发|教研|教材编写|教学设计|在线课程", 13000, false},
    {"education.course_advisor", "课程顾问|学习顾问|教育咨询顾问", "Course Advisor",
     "课程销售|家长沟通|邀约到访|续费|CRM", 9000, false},

    {"healthcare.physician", "内科医生|外科医生|全科医生|口腔医生|主治医师", "Physician",
     "执业医师资格证|临床诊疗|病历书写|门诊接诊|急诊处理|口腔修复", 18000, false},
    {"healthcare.nursing", "护士|护理师|护士长|护理员", "Nurse",
     "护士执业资格证|临床护理|静脉穿刺|护理文书|重症护理|健康宣教", 8000, true},
    {"healthcare.pharmacy", "药剂师|执业药师|临床药师|药店店员", "Pharmacist",
     "执业药师|处方审核|药品管理|用药指导|GSP", 8000, false},
    {"healthcare.medical_technician", "检验技师|放射技师|超声技师|病理技术员", "Medical Technician",
     "医学检验|影像诊断|超声检查|CT|核磁共振|检验仪器操作", 9000, false},
    {"healthcare.rehabilitation", "康复治疗师|理疗师|推拿按摩师", "Physiotherapist",
     "运动康复|物理治疗|推拿|康复评估|针灸", 9000, false},
    {"healthcare.pharma_rd", "药物研发工程师|制剂研究员|药物分析研究员|药物合成研究员",
     "Pharmaceutical R&D Scientist", "药物合成|制剂研发|HPLC|药物分析|GMP|注册申报", 16000, false},
    {"healthcare.clinical_research", "临床监查员|临床协调员|临床研究经理",
     "Clinical Research Associate", "CRA|CRC|GCP|临床试验|医学写作|数据管理", 14000, false},
    {"healthcare.medical_sales", "医药代表|医疗器械销售|学术推广专员",
     "Medical Sales Representative", "医院开发|学术推广|医疗器械|客户拜访|产品推广|销售指标", 12000,
     false},

    {"manufacturing.mechanical", "机械工程师|机械设计工程师|结构工程师", "Mechanical Engineer",
     "SolidWorks|AutoCAD|机械设计|UG|公差分析|钣金|非标设计", 13000, false},
    {"manufacturing.electrical", "电气工程师|电气设计工程师|自动化工程师|PLC工程师",
     "Electrical Engineer", "PLC|电气设计|西门子|三菱|EPLAN|变频器|自动化控制", 13000, false},
    {"manufacturing.process", "工艺工程师|制程工程师|工艺技术员", "Process Engineer",
     "工艺改进|SMT|注塑|精益生产|SOP|DOE", 11000, false},
    {"manufacturing.quality", "质量工程师|品质工程师|QC检验员|质量经理|SQE", "Quality Engineer",
     "ISO9001|IATF16949|质量体系|来料检验|8D|SPC|FMEA", 11000, false},
    {"manufacturing.production", "生产主管|生产经理|生产计划员|车间主任", "Production Manager",
     "生产计划|现场管理|5S|精益生产|安全生产|ERP", 13000, false},
    {"manufacturing.operator", "普工|操作工|装配工|包装工|流水线操作员", "Production Operator",
     "流水线作业|设备操作|产品装配|包装|质量自检", 5500, true},
    {"manufacturing.technician", "电工|焊工|钳工|数控车工|维修技工", "Skilled Technician",
     "电工证|焊工证|数控编程|设备维修|CNC|机械维修", 7500, true},
    {"manufacturing.automotive", "汽车工程师|整车工程师|新能源汽车工程师|汽车电子工程师",
     "Automotive Engineer", "新能源汽车|CATIA|整车测试|汽车电子|CAN总线|三电系统", 17000, false},
    {"manufacturing.chemical", "化工工程师|化工工艺工程师|化验员", "Chemical Engineer",
     "化工工艺|安全生产|Aspen|化学分析|DCS|环保", 11000, false},

    {"logistics.procurement", "采购专员|采购经理|采购工程师", "Procurement Specialist",
     "供应商开发|采购谈判|成本控制|ERP|SAP|招投标", 11000, false},
    {"logistics.supply_chain", "供应链计划专员|物料计划员|供应链经理", "Supply Chain Planner",
     "供应链计划|需求预测|库存管理|SAP|MRP|Excel", 13000, false},
    {"logistics.warehouse", "仓库管理员|仓管员|理货员|仓储主管", "Warehouse Specialist",
     "仓储管理|WMS|库存盘点|出入库|叉车证|5S", 6500, true},
    {"logistics.transport", "运输调度|物流调度员|运输经理", "Transportation Coordinator",
     "运输调度|TMS|线路规划|车辆管理|物流成本控制", 8000, false},
    {"logistics.delivery", "快递员|配送员|骑手|同城配送员", "Courier",
     "快递派送|同城配送|电动车驾驶|客户服务|签收异常处理", 7500, true},
    {"logistics.driver", "货车司机|商务司机|班车司机|网约车司机", "Driver",
     "C1驾照|B2驾照|A2驾照|安全驾驶|车辆保养", 8000, true},
    {"logistics.customs", "报关员|货代操作|单证员|国际物流专员", "Customs & Freight Specialist",
     "报关|货代|单证|海运|空运|英语|清关", 9000, false},

    {"hospitality.hotel", "酒店前台|客房服务员|大堂经理|客房主管", "Hotel Staff",
     "前台接待|客房管理|Opera系统|收益管理|宾客服务", 7000, true},
    {"hospitality.catering", "餐厅服务员|传菜员|餐饮主管|餐厅经理", "Restaurant Staff",
     "餐厅服务|点餐|收银|餐饮管理|食品安全", 5500, true},
    {"hospitality.chef", "厨师|中餐厨师|西餐厨师|面点师|厨师长", "Chef",
     "中餐|西餐|面点|烘焙|厨师证|菜品研发", 8000, true},
    {"hospitality.store", "店员|导购|收银员|门店店长", "Retail Store Staff",
     "门店销售|陈列|收银|库存管理|会员维护", 6000, true},
    {"hospitality.travel", "旅游顾问|导游|旅行社计调|旅游产品经理", "Travel Consultant",
     "导游证|线路设计|旅游咨询|计调操作|签证办理", 7500, false},
    {"hospitality.beauty", "美容师|美发师|发型师|美甲师|化妆师", "Beautician",
     "美容护理|美发|美甲|化妆|皮肤管理", 7000, true},
    {"hospitality.fitness", "健身教练|私人教练|瑜伽老师|游泳教练", "Fitness Coach",
     "私教课|团课|瑜伽|体能训练|健身指导|营养搭配", 9000, true},
    {"hospitality.domestic", "家政服务员|保洁员|养老护理员|家居保洁师", "Domestic Services Worker",
     "家政服务|保洁|养老护理|烹饪|收纳整理", 6500, true},

    {"media.editor", "编辑|新媒体编辑|网站编辑|内容编辑", "Editor",
     "内容编辑|审稿校对|选题策划|排版|新闻写作", 9000, false},
    {"media.journalist", "记者|财经记者|摄影记者|采编", "Journalist",
     "新闻采访|新闻写作|深度报道|摄影|稿件编辑", 10000, false},
    {"media.copywriter", "文案策划|文案|广告文案|品牌文案", "Copywriter",
     "文案写作|创意策划|品牌传播|短视频脚本|广告文案", 11000, false},
    {"media.video", "视频剪辑师|后期制作|短视频编导|视频拍摄", "Video Producer",
     "Premiere|After Effects|Final Cut|剪映|达芬奇调色|短视频|拍摄", 11000, false},
    {"media.photography", "摄影师|商业摄影师|产品摄影师", "Photographer",
     "摄影|Lightroom|Photoshop|灯光布置|产品拍摄|修图", 10000, false},
    {"media.host", "主播|带货主播|主持人|直播主播", "Live Streaming Host",
     "直播带货|主持|镜头表现|口播|普通话", 12000, false},
    {"media.film", "制片助理|影视后期制作|导演|影视编剧", "Film & TV Producer",
     "影视制作|剧本创作|分镜|后期合成|Nuke|制片管理", 13000, false},
    {"media.publishing", "图书编辑|出版编辑|校对|版权专员", "Publishing Editor",
     "图书编辑|审校|出版流程|版权贸易|选题策划|排版", 9000, false},
    {"media.translation", "英语翻译|日语翻译|口译|笔译|本地化翻译", "Translator",
     "英语|日语|CATTI|笔译|口译|本地化|Trados", 11000, false},

    {"construction.architecture", "建筑设计师|建筑师|方案设计师", "Architect",
     "AutoCAD|Revit|天正建筑|SketchUp|BIM|方案设计|一级注册建筑师", 14000, false},
    {"construction.civil", "结构工程师|土木工程师|道路桥梁工程师", "Civil Engineer",
     "PKPM|YJK|结构设计|AutoCAD|施工图|岩土工程", 13000, false},
    {"construction.mep", "暖通工程师|给排水工程师|机电工程师|电气设计师", "MEP Engineer",
     "暖通设计|给排水|机电安装|AutoCAD|BIM|消防系统", 13000, false},
    {"construction.site", "施工员|土建工程师|安全员|质量员|工程项目经理", "Site Manager",
     "现场施工管理|一级建造师|二级建造师|安全管理|施工进度|质量验收", 12000, false},
    {"construction.cost", "造价工程师|预算员|成本工程师", "Cost Estimator",
     "工程造价|广联达|预算编制|清单计价|一级造价工程师|结算审核", 12000, false},
    {"construction.planning", "城市规划师|规划设计师|国土空间规划师", "Urban Planner",
     "城市规划|ArcGIS|AutoCAD|控规编制|国土空间规划|方案汇报", 13000, false},
    {"construction.development", "房地产开发专员|报建专员|投资拓展经理|项目开发经理",
     "Real Estate Development Manager", "土地拓展|报规报建|项目定位|投资测算|前期手续", 18000,
     false},
    {"construction.agent", "房产经纪人|置业顾问|房产销售|租赁顾问", "Real Estate Agent",
     "房源开发|客户带看|签约谈判|二手房|新房销售", 10000, true},
    {"construction.property", "物业管理员|物业客服|物业经理|物业工程主管", "Property Manager",
     "物业管理|客户服务|设施维护|收费管理|安全管理", 7000, false},

    {"consulting.management", "管理咨询顾问|咨询顾问|高级咨询顾问", "Management Consultant",
     "管理咨询|流程优化|组织诊断|PPT|行业研究|项目交付", 22000, false},
    {"consulting.strategy", "战略咨询顾问|战略分析师|战略经理", "Strategy Consultant",
     "战略规划|行业研究|商业分析|财务建模|PPT|市场进入", 28000, false},
    {"consulting.it", "IT咨询顾问|SAP顾问|ERP实施顾问|数字化咨询顾问", "IT Consultant",
     "SAP|ERP实施|数字化转型|Oracle|业务流程|系统实施", 22000, false},
    {"consulting.financial", "财务咨询顾问|财务顾问|并购顾问", "Financial Advisory Consultant",
     "财务尽调|估值|并购重组|财务建模|CPA|CFA", 22000, false},
    {"consulting.hr", "人力资源咨询顾问|薪酬咨询顾问|组织咨询顾问", "HR Consultant",
     "薪酬体系设计|绩效体系|组织设计|人才测评|咨询交付", 18000, false},
    {"consulting.research", "行业研究员|行业分析师|研究员", "Industry Research Analyst",
     "行业研究|数据分析|研究报告|Wind|竞品分析|Excel", 16000, false},
};

struct FamilySpec {
  std::string_view id;
  int weight;  // share of all posts, in a thousand, roughly as on Chinese job boards
  std::string_view duties_zh, needs_zh, duties_en, needs_en, perks_zh, majors, certificates;
};

// Duties and requirements per top-level family. {cat} is the category's name, {skill} and
// {skill2} two of the post's skill tags, {skills} all of them (only the ASCII ones in English
// text). None may state a gender, age, origin, marital or health condition (JOB-2): Vocabulary::
// check proves it for every category and skill a fragment can be filled with.
constexpr FamilySpec kFamilySpecs[] = {
    {"tech", 140,
     "负责{cat}相关系统的设计、开发与维护，保障服务稳定运行。|参与需求评审和技术方案设计，使用"
     "{skill}完成核心功能开发。|持续优化系统性能和代码质量，推动{skill2}相关最佳实践落地。|编写"
     "技术文档和单元测试，参与代码评审。|排查并解决线上问题，完善监控告警体系。|与产品、测试团队"
     "紧密协作，按迭代计划交付功能。",
     "计算机、软件工程或相关专业本科及以上学历。|熟练掌握{skill}，熟悉{skill2}。|具备扎实的数据"
     "结构与算法基础，有良好的编码习惯。|熟悉{skills}者优先。|有高并发或大型项目经验者优先。",
     "Design, build and maintain {cat} systems that stay up under real load.|Turn product "
     "requirements into clean, tested code with {skills}.|Review code, write documentation and "
     "help improve engineering practices.",
     "Solid hands-on experience with {skills}.|A degree in computer science or a related field, "
     "or equivalent experience.|A good grasp of data structures, algorithms and debugging.",
     "免费工作餐和零食，弹性工作时间。|配备高性能电脑和双显示器，定期技术分享。",
     "计算机科学与技术|软件工程|电子信息工程|通信工程|数学与应用数学|网络工程",
     "软件设计师|网络工程师|AWS认证解决方案架构师|红帽RHCE"},
    {"product", 50,
     "负责{cat}方向的需求调研、规划与落地，对产品结果负责。|深入理解用户与业务，输出需求文档和"
     "原型，推动研发按期交付。|通过{skill}和{skill2}发现问题，持续迭代产品体验。|协调设计、研发"
     "、测试和运营等团队，把控项目进度与质量。|跟踪上线效果，分析关键指标并提出改进方案。|进行"
     "竞品分析和行业研究，提出有竞争力的产品策略。",
     "熟练使用{skill}，具备较强的逻辑思维和文档能力。|具备良好的沟通协调能力和项目推动能力。|"
     "对用户需求敏感，有数据驱动的意识。|有{skill2}相关经验者优先。",
     "Own the {cat} roadmap from discovery to launch.|Write clear requirements and prototypes "
     "and keep design and engineering aligned.|Measure what ships and iterate on the numbers.",
     "Strong analytical thinking and clear writing.|Experience with {skills}.|Comfortable "
     "working across engineering, design and operations.",
     "年度调薪和项目奖金。|开放的产品文化，鼓励提出新想法。",
     "计算机科学与技术|工商管理|信息管理与信息系统|市场营销|工业设计|统计学",
     "PMP项目管理专业人士|NPDP产品经理国际认证|软件设计师"},
    {"design", 45,
     "负责{cat}相关的设计工作，输出高质量的设计方案。|使用{skill}和{skill2}完成设计稿，并跟进"
     "落地还原。|参与需求讨论，理解业务目标并提出设计思路。|建立和维护设计规范，提升设计一致性"
     "和效率。|收集用户反馈，持续优化设计细节。|与产品、研发及市场团队协作，按时交付设计成果。",
     "设计相关专业，具备扎实的美术功底和审美能力。|熟练使用{skill}，了解{skill2}。|请附上作品集"
     "，能清楚讲述设计思路。|对细节有追求，能接受反馈并快速迭代。",
     "Deliver {cat} work from first sketches to final files.|Build and maintain a consistent "
     "design language with {skills}.|Work closely with product and engineering to ship polished "
     "details.",
     "A portfolio that shows how you think, not just the final pictures.|Fluency with "
     "{skills}.|An eye for detail and openness to critique.",
     "提供正版设计软件和专业显示器。|定期组织设计分享和看展活动。",
     "视觉传达设计|数字媒体艺术|工业设计|环境设计|服装与服饰设计|美术学",
     "Adobe认证设计师|室内设计师资格证|全国计算机信息高新技术考试证书"},
    {"operations", 70,
     "负责{cat}工作的规划与执行，提升核心运营指标。|策划并落地线上线下运营活动，跟踪活动效果。|"
     "通过{skill}和{skill2}提升用户活跃度与转化率。|定期进行数据复盘，输出运营分析报告并优化策略"
     "。|维护用户关系，收集用户反馈并推动产品改进。|与市场、产品和客服团队协作，共同完成业务目标"
     "。",
     "熟悉{skill}，有{skill2}经验者优先。|具备较强的数据分析能力，熟练使用Excel。|文字功底扎实，"
     "有创意，执行力强。|对互联网产品和用户心理有深入理解。",
     "Plan and run {cat} campaigns and measure what they deliver.|Grow engagement and "
     "conversion with {skills}.|Report on results every week and adjust the plan.",
     "Hands-on experience with {skills}.|Comfort with numbers and spreadsheets.|Good writing "
     "and a sense for what users care about.",
     "绩效奖金与项目提成。|丰富的团建活动和节日福利。",
     "市场营销|电子商务|新闻学|广告学|汉语言文学|工商管理", "电子商务师|新媒体运营师|计算机二级"},
    {"marketing", 60,
     "负责{cat}相关工作的策划与执行，提升品牌影响力。|制定营销方案和预算，统筹推进各项推广活动"
     "。|运用{skill}和{skill2}开展推广，评估投入产出。|跟踪市场动态与竞品信息，输出分析报告。|对"
     "接媒体、代理商和合作伙伴，管理外部资源。|协同销售和产品团队，制定新品上市推广计划。",
     "市场营销、广告或传播相关专业本科及以上学历。|熟悉{skill}，具备{skill2}实操经验。|有创意和"
     "策划能力，文案功底扎实。|具备数据意识，能根据结果调整策略。",
     "Plan and deliver {cat} programmes within budget.|Use {skills} to reach the right "
     "audience and measure the return.|Track market trends and competitors and share what you "
     "learn.",
     "Experience with {skills}.|Creative ideas backed by data.|Clear writing in Chinese and "
     "English.",
     "市场活动预算充足，有机会主导大型项目。|年度旅游和节日福利。",
     "市场营销|广告学|传播学|新闻学|统计学|国际经济与贸易",
     "Google Ads认证|巨量引擎营销认证|市场营销师"},
    {"sales", 120,
     "负责{cat}业务，开发新客户并维护老客户关系。|完成区域或团队的销售目标，定期汇报业务进展。|"
     "挖掘客户需求，运用{skill}促成合作签约。|负责商务谈判、合同签订和回款跟进。|收集市场信息和"
     "竞争动态，为公司决策提供参考。|建立并维护客户档案，使用{skill2}管理销售线索。",
     "具备较强的沟通表达和商务谈判能力。|有{skill}经验，有客户资源者优先。|目标感强，能承受业绩"
     "压力，积极主动。|能适应出差，有驾照者优先。|熟练使用Office办公软件。",
     "Find and win new {cat} customers and grow existing accounts.|Own the pipeline from first "
     "call to signed contract and payment.|Share market feedback with product and marketing.",
     "A track record in {cat} or a related field.|Experience with {skills}.|Persistence, "
     "curiosity and good listening.",
     "底薪加高提成，上不封顶。|销售冠军奖励和季度奖金。",
     "市场营销|国际经济与贸易|工商管理|英语|电子商务|机械工程",
     "销售管理师|外贸业务员证书|大学英语六级"},
    {"customer_service", 60,
     "负责{cat}工作，通过电话、在线等渠道解答客户咨询。|受理客户投诉并跟进处理结果，提升客户满意"
     "度。|运用{skill}规范记录服务过程，及时反馈问题。|整理常见问题和知识库，协助优化服务流程。|"
     "定期回访客户，收集意见和建议。|完成团队安排的服务质量指标。",
     "普通话标准，表达清晰，有耐心和同理心。|熟悉{skill}，会基本的电脑操作。|能适应排班工作，服从"
     "团队安排。|有{skill2}相关经验者优先，应届生亦可。",
     "Help customers by phone and chat and solve their problems on the first contact.|Log every "
     "case carefully and escalate what needs attention.|Suggest improvements to our help "
     "articles and processes.",
     "Patience, empathy and clear communication.|Basic computer skills; experience with "
     "{skills} is a plus.|Willingness to work in shifts.",
     "完善的岗前培训，晋升通道清晰。|提供餐补和交通补贴。",
     "市场营销|英语|工商管理|电子商务|汉语言文学|旅游管理",
     "普通话二级甲等|呼叫中心服务员证书|计算机二级"},
    {"hr", 40,
     "负责{cat}模块的日常工作，完善相关制度和流程。|配合业务部门需求，运用{skill}推进人才工作。|"
     "维护员工档案和人事数据，确保信息准确。|参与{skill2}相关项目，提升组织效率。|组织员工活动，"
     "营造良好的团队氛围。|解读劳动法规，确保公司人事实践合规。",
     "人力资源管理或相关专业本科及以上学历。|熟悉{skill}，了解劳动法律法规。|具备良好的沟通能力"
     "、服务意识和保密意识。|持有人力资源管理师证书者优先。",
     "Run the {cat} work day to day and improve how it is done.|Partner with managers on "
     "{skills}.|Keep employee records accurate and confidential.",
     "Experience in {cat} or a related HR field.|Working knowledge of PRC labour law.|Discretion "
     "and a service mindset.",
     "完善的培训体系和职业发展通道。|带薪年假和节日福利。",
     "人力资源管理|工商管理|心理学|劳动与社会保障|行政管理|法学",
     "人力资源管理师|心理咨询师|劳动关系协调员"},
    {"finance", 50,
     "负责{cat}相关工作，确保账务处理及时准确。|编制财务报表和分析报告，为管理层决策提供支持。|"
     "运用{skill}和{skill2}完成日常核算与对账。|配合内外部审计，整理并提供相关资料。|完善财务制度"
     "与流程，加强内部控制。|跟踪预算执行情况，识别并提示财务风险。",
     "财务、会计、金融或相关专业本科及以上学历。|熟悉{skill}，熟练使用Excel和财务软件。|工作细致"
     "严谨，原则性强，具备良好的职业操守。|持有初级会计职称及以上证书者优先。",
     "Keep the {cat} work accurate, timely and audit-ready.|Prepare reports and analysis with "
     "{skills}.|Strengthen controls and improve finance processes.",
     "A degree in accounting, finance or a related field.|Experience with {skills}.|Precision "
     "and integrity.",
     "支持考取CPA等专业证书并给予奖励。|年终奖和季度绩效奖金。",
     "会计学|财务管理|金融学|审计学|经济学|税收学",
     "初级会计职称|中级会计职称|CPA注册会计师|CFA|税务师|证券从业资格"},
    {"legal", 20,
     "负责{cat}相关工作，为业务提供专业法律支持。|审核各类合同和法律文件，识别并控制法律风险。|"
     "运用{skill}处理日常法律事务。|跟进{skill2}相关事项，与外部律师和监管机构沟通。|开展法律培训"
     "，提升团队的合规意识。|跟踪法律法规变化，完善公司制度。",
     "法学专业本科及以上学历，通过国家统一法律职业资格考试者优先。|熟悉{skill}，具备较强的文字功"
     "底和逻辑分析能力。|严谨细致，责任心强，具备良好的沟通能力。|有{cat}工作经验者优先。",
     "Give practical {cat} advice to the business.|Review contracts and manage legal risk with "
     "{skills}.|Keep policies current as laws change.",
     "A law degree and the PRC legal qualification.|Experience with {skills}.|Sharp drafting "
     "and calm judgement.",
     "专业的法务团队和良好的学习氛围。|支持参加专业培训和继续教育。",
     "法学|知识产权|国际经济法|经济法|民商法|刑法学",
     "法律职业资格证书|专利代理师资格证|律师执业证"},
    {"admin", 40,
     "负责{cat}相关工作，保障办公室日常运转。|处理会议安排、来访接待和文件收发等事务。|运用{skill}"
     "和{skill2}完成日常工作。|管理办公用品和固定资产，控制行政费用。|协助组织公司活动和员工福利"
     "发放。|完成上级交办的其他工作。",
     "大专及以上学历，做事细致有条理。|熟练使用Office办公软件，熟悉{skill}。|服务意识强，善于沟通"
     "协调。|有{cat}经验者优先，应届生亦可。",
     "Keep the office running smoothly day to day.|Handle meetings, visitors and documents with "
     "{skills}.|Support company events and employee services.",
     "Strong organisation and attention to detail.|Good command of {skills}.|A friendly, "
     "service-minded attitude.",
     "朝九晚六，周末双休。|办公环境舒适，交通便利。",
     "行政管理|文秘|工商管理|汉语言文学|英语|档案学", "秘书资格证|计算机二级|普通话二级甲等"},
    {"education", 50,
     "负责{cat}相关教学工作，制定并落实教学计划。|认真备课、上课，运用{skill}提升教学效果。|关注"
     "学员学习进度，及时与家长沟通反馈。|参与教研活动，完善课程内容和教学方法。|组织学员测评和课"
     "后辅导，帮助学员进步。|维护良好的课堂秩序和学习氛围。",
     "相关专业本科及以上学历，持有教师资格证者优先。|熟悉{skill}，有{skill2}经验。|普通话标准，表"
     "达清晰，有亲和力和耐心。|热爱教育事业，责任心强。",
     "Plan and teach {cat} lessons that keep learners engaged.|Use {skills} to help every "
     "learner progress.|Keep parents and colleagues informed of progress.",
     "A teaching qualification or a relevant degree.|Experience with {skills}.|Patience and a "
     "genuine love of teaching.",
     "寒暑假带薪休假。|提供系统的教学培训和教研支持。",
     "学前教育|汉语言文学|英语|数学与应用数学|教育学|物理学",
     "教师资格证|普通话二级甲等|TESOL国际英语教师资格证|英语专业八级"},
    {"healthcare", 50,
     "负责{cat}相关工作，严格执行诊疗和操作规范。|运用{skill}为患者提供专业服务。|规范书写和管理"
     "医疗文书，确保记录准确完整。|参与科室培训和病例讨论，持续提升专业水平。|做好患者沟通与健康"
     "指导，提升服务满意度。|配合科室完成质量控制和安全管理工作。",
     "医学、药学或护理相关专业，持有相应执业资格证书。|熟悉{skill}和{skill2}。|工作认真细致，具备"
     "良好的沟通能力和服务意识。|能适应轮班工作。|有三甲医院工作经验者优先。",
     "Provide safe, professional {cat} services.|Apply {skills} in line with clinical "
     "standards.|Keep accurate records and communicate clearly with patients.",
     "The relevant licence and a degree in medicine, pharmacy or nursing.|Experience with "
     "{skills}.|Calm under pressure and caring with patients.",
     "提供规范化培训和进修机会。|夜班补贴和完善的医疗保障。",
     "临床医学|护理学|药学|医学检验技术|康复治疗学|口腔医学|生物医学工程",
     "执业医师资格证|护士执业资格证|执业药师资格证|医学检验技师证|GCP证书"},
    {"manufacturing", 90,
     "负责{cat}相关工作，保障生产计划按时完成。|运用{skill}和{skill2}解决生产现场的技术问题。|编"
     "制和维护作业指导书，规范生产工艺和操作。|参与新产品导入和试产，跟进量产问题。|推动质量改进"
     "和降本增效项目。|遵守安全生产规定，做好设备点检和保养。",
     "机械、电气、自动化或相关专业，中专及以上学历。|熟悉{skill}，能看懂图纸。|吃苦耐劳，能适应倒"
     "班和车间环境。|有{skill2}相关证书或经验者优先。",
     "Keep {cat} work on schedule and up to standard.|Solve shop-floor problems with "
     "{skills}.|Write and maintain work instructions and take part in new product launches.",
     "A technical diploma or degree in a related field.|Experience with {skills}.|Safety "
     "first, every shift.",
     "包吃包住，加班有加班费。|提供技能培训和定级晋升。",
     "机械设计制造及其自动化|电气工程及其自动化|材料成型及控制工程|化学工程与工艺|车辆工程|"
     "数控技术",
     "电工证|焊工证|特种设备作业证|六西格玛绿带|ISO9001内审员证"},
    {"logistics", 60,
     "负责{cat}相关工作，确保货物安全、准时、准确。|围绕{skill}和{skill2}"
     "开展工作，及时处理异常情况。|"
     "优化作业流程，提升效率并降低物流成本。|与供应商、承运商和客户保持沟通，协调资源。|整理单据"
     "和数据，按时提交工作报表。|遵守安全规范，做好现场管理。",
     "熟悉{skill}，有{skill2}经验者优先。|责任心强，吃苦耐劳，能适应一线工作节奏。|具备基本的电脑"
     "操作能力。|物流管理或相关专业优先，学历不限。",
     "Move goods safely and on time in {cat}.|Track orders and stock with {skills} and sort out "
     "exceptions quickly.|Find ways to cut cost and waste.",
     "Experience with {skills}.|Reliable, organised and safety-minded.|Basic computer skills.",
     "提供住宿和餐补，多劳多得。|车辆油费和通讯补贴。",
     "物流管理|供应链管理|交通运输|国际经济与贸易|工商管理|采购管理",
     "机动车驾驶证C1|叉车证|报关员证|物流师|采购师"},
    {"hospitality", 70,
     "负责{cat}相关工作，为顾客提供热情周到的服务。|熟练运用{skill}和{skill2}"
     "，保证服务效率和品质。|维护店面"
     "或现场环境整洁，遵守卫生和安全规范。|处理顾客反馈，提升顾客满意度和复购率。|配合店长完成营"
     "业目标和库存管理。|参加公司组织的技能培训和服务考核。",
     "热爱服务行业，性格开朗，有亲和力。|熟悉{skill}，有相关工作经验者优先。|能适应轮班和节假日工"
     "作。|学历不限，可培训上岗。",
     "Welcome guests and deliver friendly, careful service.|Use {skills} to keep service quick "
     "and consistent.|Keep the venue clean, safe and well stocked.",
     "A warm, positive attitude.|Experience with {skills} is a plus; training is "
     "provided.|Flexible with shifts and weekends.",
     "包吃住，提供工作服。|员工折扣和节日福利。",
     "酒店管理|旅游管理|烹饪工艺与营养|市场营销|体育教育|美容美体艺术",
     "中式烹调师证|导游证|健身教练证|美容师职业资格证|食品安全管理员证"},
    {"media", 40,
     "负责{cat}相关内容的策划、制作与发布。|运用{skill}和{skill2}完成高质量的作品。|跟踪热点和行"
     "业动态，策划有传播力的选题。|与团队协作，按时完成内容排期。|分析内容数据，持续优化内容质量"
     "。|维护作者、嘉宾和合作方关系。",
     "新闻、中文、传媒或相关专业本科及以上学历。|熟悉{skill}，有{skill2}经验者优先。|文字功底扎实"
     "，审美在线，有创意。|请附上个人作品或作品链接。",
     "Plan, create and publish {cat} work people want to read and watch.|Produce polished work "
     "with {skills}.|Spot trends early and pitch strong ideas.",
     "A portfolio of published work.|Experience with {skills}.|A good eye and a reliable sense "
     "of deadlines.",
     "创作氛围自由，作品有署名。|提供专业设备和创作经费。",
     "新闻学|汉语言文学|广播电视编导|数字媒体艺术|英语|翻译",
     "CATTI二级笔译|播音员主持人资格证|新闻记者证|出版专业技术人员职业资格"},
    {"construction", 50,
     "负责{cat}相关工作，确保项目质量、进度和成本目标。|运用{skill}和{skill2}完成设计或管理任务。|"
     "参与图纸会审和技术交底，解决现场技术问题。|编制相关方案和报告，做好资料归档。|协调业主、设"
     "计、监理和施工各方关系。|遵守安全文明施工规定，做好现场安全管理。",
     "土木、建筑或相关专业大专及以上学历。|熟练使用{skill}，了解相关规范标准。|有{skill2}相关经"
     "验者优先。|能适应项目驻场或出差。",
     "Deliver {cat} work on time, on budget and to code.|Use {skills} to plan, design or manage "
     "the work.|Coordinate owners, designers, supervisors and contractors.",
     "A degree or diploma in civil engineering, architecture or a related field.|Experience with "
     "{skills}.|Comfort on site as well as at the desk.",
     "项目奖金和驻场补贴。|持证补贴，支持考取注册类证书。",
     "土木工程|建筑学|工程造价|工程管理|城乡规划|建筑环境与能源应用工程",
     "一级建造师|二级建造师|一级造价工程师|注册结构工程师|安全员证"},
    {"consulting", 20,
     "参与{cat}项目，开展调研访谈和数据分析。|运用{skill}和{skill2}形成诊断结论和解决方案。|撰写"
     "项目报告和汇报材料，参与客户汇报。|跟踪行业动态，积累行业知识和方法论。|协助项目经理管理项"
     "目进度和客户关系。|推动方案落地，跟进实施效果。",
     "经济、管理、理工或相关专业本科及以上学历。|熟练掌握{skill}，逻辑清晰，善于结构化思考。|优秀"
     "的书面和口头表达能力，能适应出差。|有{skill2}相关经验者优先。",
     "Work on {cat} engagements from interviews to final recommendations.|Use {skills} to find "
     "the answer and make the case.|Write reports and present them to clients.",
     "Structured thinking and strong writing.|Experience with {skills}.|Willingness to travel.",
     "项目制工作，成长速度快。|差旅补贴和年度培训预算。",
     "经济学|工商管理|金融学|统计学|管理科学与工程|人力资源管理",
     "CFA|CPA注册会计师|PMP项目管理专业人士|SAP认证顾问"},
};

// Families every company hires in, whatever its trade.
constexpr std::string_view kSupportFamilies =
    "hr|finance|admin|legal|sales|customer_service|marketing";

struct TradeSpec {
  std::string_view name, name_parts, families;
};
constexpr TradeSpec kTradeSpecs[] = {
    {"互联网", "网络科技|信息科技|数字科技|互联网科技", "tech|product|design|operations"},
    {"软件", "软件|软件技术|信息技术|云计算科技", "tech|product|consulting"},
    {"游戏", "游戏|互动娱乐|网络游戏", "tech|product|design|operations"},
    {"电子商务", "电子商务|电商科技|网络贸易", "operations|design|customer_service|logistics"},
    {"电子制造", "电子|电子科技|半导体|智能装备", "manufacturing|tech|logistics|product"},
    {"汽车", "汽车|汽车零部件|新能源汽车|汽车科技", "manufacturing|tech|logistics"},
    {"机械制造", "机械|精密机械|装备制造|重工", "manufacturing|logistics"},
    {"化工", "化工|新材料|化学", "manufacturing|logistics"},
    {"医药", "医药|生物科技|生物医药|医疗器械", "healthcare|manufacturing"},
    {"医疗服务", "医院管理|医疗|口腔门诊|健康管理", "healthcare|customer_service"},
    {"金融", "投资|资产管理|金融服务|融资租赁", "finance|legal"},
    {"教育", "教育科技|教育咨询|培训学校|文化教育", "education|operations|media"},
    {"物流", "物流|供应链管理|国际货运代理|速运", "logistics|customer_service"},
    {"零售", "商贸|商业连锁|百货|超市", "hospitality|logistics|operations"},
    {"餐饮", "餐饮管理|餐饮|食品", "hospitality|logistics"},
    {"酒店旅游", "酒店管理|国际旅行社|文旅发展", "hospitality|marketing"},
    {"房地产", "置业|房地产开发|物业服务|地产经纪", "construction"},
    {"建筑", "建筑工程|建设工程|建筑设计|工程咨询", "construction|manufacturing"},
    {"传媒", "文化传媒|影视文化|广告|传媒", "media|marketing|design|operations"},
    {"咨询", "管理咨询|企业管理咨询|信息咨询", "consulting|finance|hr"},
    {"人力资源服务", "人力资源|人才服务|人力资源服务", "hr|customer_service"},
    {"家政服务", "家政服务|养老服务|保洁服务", "hospitality|customer_service"},
};

// Company brands are a head and a tail from these: 900 of them, none of which means anything
// more than "bright star" or "far sail".
constexpr std::string_view kBrandHeads[] = {
    "星", "云", "蓝", "青", "华", "鼎", "锐", "启", "远", "智", "凌", "博", "恒", "天", "盛",
    "嘉", "创", "晨", "汇", "瑞", "新", "金", "明", "光", "安", "泰", "宏", "卓", "致", "润"};
constexpr std::string_view kBrandTails[] = {
    "辰", "帆", "海", "松", "信", "思", "航", "景", "联", "越", "通", "衡", "达", "禾", "立",
    "曦", "智", "祥", "科", "源", "峰", "诚", "鑫", "拓", "弘", "邦", "迈", "驰", "途", "创"};

struct CityTier {
  std::string_view code;
  int tier;
};
// The usual tiers of Chinese cities: the four first-tier, the "new first-tier" and the larger
// second-tier ones. Cities not listed are tier 4.
constexpr CityTier kCityTiers[] = {
    {"110100", 1}, {"310100", 1}, {"440100", 1}, {"440300", 1}, {"510100", 2}, {"330100", 2},
    {"500100", 2}, {"420100", 2}, {"610100", 2}, {"320500", 2}, {"320100", 2}, {"120100", 2},
    {"430100", 2}, {"410100", 2}, {"441900", 2}, {"370200", 2}, {"340100", 2}, {"440600", 2},
    {"330200", 2}, {"530100", 3}, {"210100", 3}, {"370100", 3}, {"320200", 3}, {"350200", 3},
    {"350100", 3}, {"330300", 3}, {"210200", 3}, {"230100", 3}, {"220100", 3}, {"350500", 3},
    {"130100", 3}, {"450100", 3}, {"330700", 3}, {"520100", 3}, {"360100", 3}, {"320400", 3},
    {"330400", 3}, {"440400", 3}, {"320600", 3}, {"441300", 3}, {"140100", 3}, {"442000", 3},
    {"320300", 3}, {"330600", 3}, {"331000", 3}, {"370600", 3}, {"620100", 3}, {"370700", 3},
    {"371300", 3},
};
// Relative number of posts per city of a tier (index = tier): about a third of all posts are
// in the four first-tier cities, a sixth in the three hundred tier-4 ones.
constexpr long long kTierWeight[] = {0, 800, 220, 70, 5};
constexpr int kTierPay[] = {0, 100, 82, 70, 58};

// Title endings that already name a manager: no "初级" before them, no "负责人" after them.
constexpr std::string_view kManagerEndings[] = {"经理", "主管", "长", "主任", "总监"};

bool is_manager_title(std::string_view title) {
  for (auto end : kManagerEndings)
    if (title.size() >= end.size() && title.substr(title.size() - end.size()) == end) return true;
  return false;
}

std::string apply_level(std::string_view tpl, std::string_view title) {
  std::string out(tpl);
  if (const auto at = out.find("{t}"); at != std::string::npos) out.replace(at, 3, title);
  return out;
}

}  // namespace

bool is_ascii(std::string_view s) {
  return std::all_of(s.begin(), s.end(),
                     [](char c) { return static_cast<unsigned char>(c) < 128; });
}

std::string joined(const std::vector<std::string_view>& items, std::string_view separator) {
  std::string out;
  for (auto item : items) {
    if (!out.empty()) out += separator;
    out += item;
  }
  return out;
}

std::string fill(std::string_view tpl, const Slots& slots) {
  std::string out;
  out.reserve(tpl.size() + 64);
  while (!tpl.empty()) {
    const auto open = tpl.find('{');
    out += tpl.substr(0, open);
    if (open == std::string_view::npos) break;
    const auto close = tpl.find('}', open);
    if (close == std::string_view::npos) {
      out += tpl.substr(open);
      break;
    }
    const auto key = tpl.substr(open + 1, close - open - 1);
    const std::string_view value = key == "cat"       ? slots.cat
                                   : key == "city"    ? slots.city
                                   : key == "company" ? slots.company
                                   : key == "skill"   ? slots.skill
                                   : key == "skill2"  ? slots.skill2
                                   : key == "skills"  ? slots.skills
                                                      : std::string_view();
    if (key == "exp")
      out += std::to_string(slots.exp);
    else if (!value.empty())
      out += value;
    else
      out += tpl.substr(open, close - open + 1);
    tpl.remove_prefix(close + 1);
  }
  return out;
}

void WeightedPicker::add(std::size_t item, long long weight) {
  items_.push_back(item);
  cumulative_.push_back((cumulative_.empty() ? 0 : cumulative_.back()) + weight);
}

std::size_t WeightedPicker::pick(SeedRng& rng) const {
  const long long at = rng.between(0, cumulative_.back() - 1);
  const auto it = std::upper_bound(cumulative_.begin(), cumulative_.end(), at);
  return items_[static_cast<std::size_t>(it - cumulative_.begin())];
}

int Vocabulary::tier_pay_percent(int tier) {
  return kTierPay[std::clamp(tier, 1, 4)];
}

core::Result<Vocabulary> Vocabulary::build(const jobs::Taxonomy& taxonomy) {
  Vocabulary v;
  std::map<std::string_view, std::size_t> family_index;
  for (const auto& spec : kFamilySpecs) {
    const auto* family = taxonomy.category(spec.id);
    if (!family || !family->parent_id.empty())
      return core::Error::internal("seed words name an unknown family " + std::string(spec.id));
    family_index.emplace(spec.id, v.families_.size());
    v.family_picker_.add(v.families_.size(), spec.weight);
    auto& f = v.families_.emplace_back();
    f.family = family;
    f.duties_zh = split(spec.duties_zh);
    f.needs_zh = split(spec.needs_zh);
    f.duties_en = split(spec.duties_en);
    f.needs_en = split(spec.needs_en);
    f.perks_zh = split(spec.perks_zh);
    f.majors = split(spec.majors);
    f.certificates = split(spec.certificates);
  }
  std::map<std::string_view, const CategorySpec*> specs;
  for (const auto& spec : kCategorySpecs) specs.emplace(spec.id, &spec);
  for (const auto& c : taxonomy.categories()) {
    if (c.parent_id.empty()) {
      if (!family_index.count(c.id))
        return core::Error::internal("no seed words for the job family " + c.id);
      continue;
    }
    const auto spec = specs.find(c.id);
    const auto family = family_index.find(c.parent_id);
    if (spec == specs.end() || family == family_index.end())
      return core::Error::internal("no seed words for the job category " + c.id);
    auto& words = v.categories_.emplace_back();
    words.category = &c;
    words.family = family->second;
    for (auto title : split(spec->second->titles))
      (is_manager_title(title) ? words.manager_titles : words.titles).push_back(title);
    if (words.titles.empty()) words.titles = words.manager_titles;
    words.title_en = spec->second->title_en;
    words.skills = split(spec->second->skills);
    words.pay = spec->second->pay;
    words.frontline = spec->second->frontline;
    v.families_[family->second].categories.push_back(v.categories_.size() - 1);
  }
  for (const auto& spec : kTradeSpecs) {
    auto& t = v.trades_.emplace_back();
    t.name = spec.name;
    t.name_parts = split(spec.name_parts);
    for (auto f : split(spec.families)) {
      const auto it = family_index.find(f);
      if (it == family_index.end())
        return core::Error::internal("a seed trade names an unknown family " + std::string(f));
      t.families.push_back(it->second);
      v.families_[it->second].trades.push_back(v.trades_.size() - 1);
    }
  }
  for (auto f : split(kSupportFamilies)) v.support_families_.push_back(family_index.at(f));
  for (auto& f : v.families_)  // a family no trade lists is hired for by every trade
    if (f.trades.empty())
      for (std::size_t t = 0; t < v.trades_.size(); ++t) f.trades.push_back(t);

  std::map<std::string_view, int> tiers;
  for (const auto& t : kCityTiers) tiers.emplace(t.code, t.tier);
  for (const auto& c : taxonomy.cities()) {
    if (c.level != jobs::kLevelCity) continue;
    auto& city = v.cities_.emplace_back();
    city.city = &c;
    const auto tier = tiers.find(c.code);
    city.tier = tier == tiers.end() ? 4 : tier->second;
    constexpr std::string_view kShi = "市";
    if (c.name_zh.size() > kShi.size() && std::string_view(c.name_zh).ends_with(kShi))
      city.short_name = c.name_zh.substr(0, c.name_zh.size() - kShi.size());
    const auto index = v.cities_.size() - 1;
    v.all_cities_.add(index, kTierWeight[city.tier]);
    if (!city.short_name.empty()) v.named_cities_.add(index, kTierWeight[city.tier]);
  }
  if (v.categories_.empty() || v.all_cities_.empty() || v.named_cities_.empty())
    return core::Error::internal("the taxonomy has no cities or no job categories");
  return v;
}

std::string Vocabulary::brand(SeedRng& rng) const {
  const auto head = rng.pick(kBrandHeads);
  auto tail = rng.pick(kBrandTails);
  while (tail == head) tail = rng.pick(kBrandTails);  // no "智智"
  return std::string(head) + std::string(tail);
}

std::string Vocabulary::title_zh(SeedRng& rng, const CategoryWords& c, std::size_t level) const {
  const auto& ladder = kLevels[level];
  if (level >= kMidLevel && !c.manager_titles.empty() && rng.percent(level == kLeadLevel ? 70 : 15))
    return apply_level(level == kLeadLevel ? "{t}" : ladder.office_zh, rng.pick(c.manager_titles));
  const auto title = rng.pick(c.titles);
  // "后端开发负责人" reads better than "后端开发工程师负责人"; "产品经理负责人" does not.
  const auto& name = c.category->name_zh;
  if (level == kLeadLevel && !c.frontline && name.find('/') == std::string::npos &&
      !is_manager_title(name))
    return name + "负责人";
  return apply_level(c.frontline ? ladder.frontline_zh : ladder.office_zh, title);
}

std::string Vocabulary::title_en(const CategoryWords& c, std::size_t level) const {
  const auto& ladder = kLevels[level];
  return apply_level(c.frontline ? ladder.frontline_en : ladder.office_en, c.title_en);
}

core::Status Vocabulary::check(const jobs::PublishingRules& rules) const {
  auto ok = [&](const std::string& text) -> core::Status {
    if (auto v = rules.check(text); !v.empty())
      return core::Error::internal("seed text \"" + text + "\" breaks publishing rule " +
                                   v.front().rule_id);
    return core::Unit{};
  };
  const std::string_view company = "上海星辰信息科技有限公司";
  for (const auto& c : categories_) {
    const auto& f = families_[c.family];
    std::vector<std::string_view> ascii;
    for (auto s : c.skills)
      if (is_ascii(s)) ascii.push_back(s);
    const std::string skills_zh = joined(c.skills, "、");
    const std::string skills_en = ascii.empty() ? std::string(c.title_en) : joined(ascii, ", ");
    for (std::size_t i = 0; i < c.skills.size(); ++i) {
      const Slots zh{
          c.category->name_zh, "上海市", company, c.skills[i], c.skills[(i + 1) % c.skills.size()],
          skills_zh,           3};
      for (const auto* bank : {&f.duties_zh, &f.needs_zh, &f.perks_zh})
        for (auto t : *bank) HS_CHECK(ok(fill(t, zh)));
    }
    const Slots en{c.category->name_en, "Shanghai", "The company", "", "", skills_en, 3};
    for (const auto* bank : {&f.duties_en, &f.needs_en})
      for (auto t : *bank) HS_CHECK(ok(fill(t, en)));
    for (auto t : kExperienceZh) HS_CHECK(ok(fill(t, {.cat = c.category->name_zh, .exp = 3})));
    for (auto t : kExperienceEn) HS_CHECK(ok(fill(t, {.cat = c.category->name_en, .exp = 3})));
    for (std::size_t level = 0; level < std::size(kLevels); ++level) {
      HS_CHECK(ok(title_en(c, level)));
      for (const auto* titles : {&c.titles, &c.manager_titles})
        for (auto t : *titles) {
          HS_CHECK(ok(apply_level(kLevels[level].office_zh, t)));
          HS_CHECK(ok(apply_level(kLevels[level].frontline_zh, t)));
        }
    }
    HS_CHECK(ok(c.category->name_zh + "负责人"));
    HS_CHECK(ok(joined(c.skills, "、")));
    for (const auto* words : {&f.majors, &f.certificates}) HS_CHECK(ok(joined(*words, "、")));
  }
  for (const auto& city : cities_) {
    const Slots zh{.city = city.city->name_zh, .company = company};
    const Slots en{.city = city.city->name_en, .company = "The company"};
    for (auto t : kOffersZh) HS_CHECK(ok(fill(t, zh)));
    for (auto t : kOffersEn) HS_CHECK(ok(fill(t, en)));
  }
  for (auto t : kCommonNeedsZh) HS_CHECK(ok(std::string(t)));
  for (auto t : kSoftSkills) HS_CHECK(ok(std::string(t)));
  for (const auto& t : trades_) HS_CHECK(ok(std::string(t.name) + joined(t.name_parts, "、")));
  for (auto head : kBrandHeads) {
    std::string brands;
    for (auto tail : kBrandTails) brands += std::string(head) + std::string(tail) + "、";
    HS_CHECK(ok(brands));
  }
  return core::Unit{};
}

}  // namespace hiresafe::cli
