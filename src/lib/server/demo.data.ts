/**
 * Demo data for WTPF-26: the forum's set-up, its delegations and accounts, the
 * Secretary-General's report and five illustrative draft opinions.
 * Pure data: no I/O. The report text and the opinions are original and illustrative;
 * the real WTPF-26 draft opinions are not in our sources (domain.md).
 */
import type { ForumCreated } from '$lib/forum/forum.rules';
import type {
	DelegationCategory,
	OpinionParagraph,
	ParticipantRole,
	Translations
} from '$lib/forum/types';

/** Every demo account's password. */
export const DEMO_PASSWORD = 'wtpf-2026-demo';

export const DEMO_FORUM: ForumCreated = {
	slug: 'wtpf-26',
	title: {
		en: 'Sixth World Telecommunication/ICT Policy Forum',
		fr: 'Sixième Forum mondial des politiques de télécommunication/TIC',
		es: 'Sexto Foro Mundial de Política de las Telecomunicaciones/TIC',
		ar: 'المنتدى العالمي السادس لسياسات الاتصالات/تكنولوجيا المعلومات والاتصالات',
		zh: '第六届世界电信/信息通信技术政策论坛',
		ru: 'Шестой Всемирный форум по политике в области электросвязи/ИКТ'
	},
	theme: {
		en: 'Accelerating an inclusive, sustainable, resilient and innovative digital future',
		fr: "Accélérer l'avènement d'un avenir numérique inclusif, durable, résilient et innovant",
		es: 'Acelerar un futuro digital inclusivo, sostenible, resiliente e innovador',
		ar: 'تسريع التحول نحو مستقبل رقمي شامل ومستدام وقادر على الصمود ومبتكر',
		zh: '加速实现包容、可持续、有韧性和创新的数字未来',
		ru: 'Ускорение перехода к инклюзивному, устойчивому, жизнестойкому и инновационному цифровому будущему'
	},
	subthemes: [
		{
			en: 'Digital divides: gender, generations, skills and connectivity',
			fr: 'Fractures numériques : genre, générations, compétences et connectivité'
		},
		{
			en: 'Green digital transformation: climate and environmental sustainability',
			fr: 'Transformation numérique verte : climat et durabilité environnementale'
		},
		{
			en: 'Resilience of telecommunications/ICTs',
			fr: 'Résilience des télécommunications/TIC'
		},
		{
			en: 'Space connectivity',
			fr: 'Connectivité spatiale'
		},
		{
			en: 'ICT-centric innovation ecosystems and entrepreneurship',
			fr: "Écosystèmes d'innovation centrés sur les TIC et entrepreneuriat"
		}
	],
	venue: 'Geneva',
	dates: { start: '2026-12-01', end: '2026-12-03' },
	settings: { speechLimitSeconds: 180, quorumShare: 0.5, sectorMemberObjectionBlocks: true },
	openingOfficerId: 'p-sg',
	agenda: [
		{
			number: 1,
			title: {
				en: 'Opening of the Forum',
				fr: 'Ouverture du Forum',
				es: 'Apertura del Foro',
				ar: 'افتتاح المنتدى',
				zh: '论坛开幕',
				ru: 'Открытие Форума'
			}
		},
		{
			number: 2,
			title: {
				en: 'Election of the Chair',
				fr: 'Élection du Président',
				es: 'Elección del Presidente',
				ar: 'انتخاب الرئيس',
				zh: '选举主席',
				ru: 'Выборы Председателя'
			}
		},
		{
			number: 3,
			title: {
				en: 'Opening remarks and presentations',
				fr: 'Remarques liminaires et exposés',
				es: 'Observaciones de apertura y presentaciones',
				ar: 'الملاحظات الافتتاحية والعروض',
				zh: '开幕致辞和介绍',
				ru: 'Вступительные замечания и выступления'
			}
		},
		{
			number: 4,
			title: {
				en: 'Organization of work',
				fr: 'Organisation des travaux',
				es: 'Organización de los trabajos',
				ar: 'تنظيم الأعمال',
				zh: '工作安排',
				ru: 'Организация работы'
			}
		},
		{
			number: 5,
			title: {
				en: "Presentation of the Secretary-General's report",
				fr: 'Présentation du rapport du Secrétaire général',
				es: 'Presentación del Informe del Secretario General',
				ar: 'تقديم تقرير الأمين العام',
				zh: '介绍秘书长的报告',
				ru: 'Представление отчета Генерального секретаря'
			}
		},
		{
			number: 6,
			title: {
				en: "Presentation of members' observations on the report",
				fr: 'Présentation des observations des membres concernant le rapport',
				es: 'Presentación de las observaciones de los miembros sobre el Informe',
				ar: 'تقديم ملاحظات الأعضاء بشأن التقرير',
				zh: '介绍成员对报告的意见',
				ru: 'Представление замечаний членов по отчету'
			}
		},
		{
			number: 7,
			title: {
				en: 'Debate',
				fr: 'Débat',
				es: 'Debate',
				ar: 'المناقشة',
				zh: '辩论',
				ru: 'Обсуждение'
			}
		},
		{
			number: 8,
			title: {
				en: 'Consideration of draft opinions',
				fr: "Examen des projets d'avis",
				es: 'Examen de los proyectos de opinión',
				ar: 'النظر في مشاريع الآراء',
				zh: '审议意见草案',
				ru: 'Рассмотрение проектов мнений'
			}
		},
		{
			number: 9,
			title: {
				en: "Adoption of the Chair's report and opinions",
				fr: 'Adoption du rapport du Président et des avis',
				es: 'Adopción del Informe del Presidente y de las opiniones',
				ar: 'اعتماد تقرير الرئيس والآراء',
				zh: '通过主席报告和意见',
				ru: 'Принятие отчета Председателя и мнений'
			}
		},
		{
			number: 10,
			title: {
				en: 'Any other business',
				fr: 'Divers',
				es: 'Otros asuntos',
				ar: 'ما يستجد من أعمال',
				zh: '其他事项',
				ru: 'Разное'
			}
		}
	],
	reportTitle:
		'Report of the Secretary-General for the Sixth World Telecommunication/ICT Policy Forum'
};

export const DEMO_DELEGATIONS: { id: string; name: string; category: DelegationCategory }[] = [
	// Member States (ISO 3166 alpha-3). The first six also have a second delegate.
	{ id: 'FRA', name: 'France', category: 'member_state' },
	{ id: 'BRA', name: 'Brazil', category: 'member_state' },
	{ id: 'KEN', name: 'Kenya', category: 'member_state' },
	{ id: 'CHN', name: 'China', category: 'member_state' },
	{ id: 'EGY', name: 'Egypt', category: 'member_state' },
	{ id: 'SAU', name: 'Saudi Arabia', category: 'member_state' },
	{ id: 'RUS', name: 'Russian Federation', category: 'member_state' },
	{ id: 'ARG', name: 'Argentina', category: 'member_state' },
	{ id: 'MEX', name: 'Mexico', category: 'member_state' },
	{ id: 'IND', name: 'India', category: 'member_state' },
	{ id: 'JPN', name: 'Japan', category: 'member_state' },
	{ id: 'USA', name: 'United States', category: 'member_state' },
	{ id: 'DEU', name: 'Germany', category: 'member_state' },
	{ id: 'CHE', name: 'Switzerland', category: 'member_state' },
	{ id: 'NGA', name: 'Nigeria', category: 'member_state' },
	{ id: 'ZAF', name: 'South Africa', category: 'member_state' },
	{ id: 'GBR', name: 'United Kingdom', category: 'member_state' },
	{ id: 'CAN', name: 'Canada', category: 'member_state' },
	{ id: 'IDN', name: 'Indonesia', category: 'member_state' },
	{ id: 'KOR', name: 'Republic of Korea', category: 'member_state' },
	{ id: 'TUR', name: 'Türkiye', category: 'member_state' },
	{ id: 'ARE', name: 'United Arab Emirates', category: 'member_state' },
	{ id: 'MAR', name: 'Morocco', category: 'member_state' },
	{ id: 'SEN', name: 'Senegal', category: 'member_state' },
	{ id: 'COL', name: 'Colombia', category: 'member_state' },
	{ id: 'KAZ', name: 'Kazakhstan', category: 'member_state' },
	{ id: 'AUS', name: 'Australia', category: 'member_state' },
	{ id: 'VNM', name: 'Viet Nam', category: 'member_state' },
	// Sector Members
	{ id: 'SM-ERICSSON', name: 'Ericsson', category: 'sector_member' },
	{ id: 'SM-ORANGE', name: 'Orange', category: 'sector_member' },
	{ id: 'SM-GSMA', name: 'GSMA', category: 'sector_member' },
	{ id: 'SM-HUAWEI', name: 'Huawei Technologies', category: 'sector_member' },
	{ id: 'SM-NOKIA', name: 'Nokia', category: 'sector_member' },
	{ id: 'SM-SES', name: 'SES', category: 'sector_member' },
	// Associates
	{ id: 'AS-AFRINIC', name: 'AFRINIC', category: 'associate' },
	{ id: 'AS-IXPN', name: 'Internet Exchange Point of Nigeria', category: 'associate' },
	// Academia
	{ id: 'AC-EPFL', name: 'École polytechnique fédérale de Lausanne', category: 'academia' },
	{ id: 'AC-STRATHMORE', name: 'Strathmore University', category: 'academia' },
	// Observers
	{ id: 'OB-PSE', name: 'State of Palestine', category: 'observer' },
	{ id: 'OB-UN', name: 'United Nations', category: 'observer' },
	{ id: 'OB-AU', name: 'African Union', category: 'observer' }
];

export const DEMO_PARTICIPANTS: {
	id: string;
	email: string;
	name: string;
	delegationId: string | null;
	role: ParticipantRole;
}[] = [
	// Secretariat
	{
		id: 'p-sg',
		email: 'sg@itu.demo',
		name: 'Secretary-General (opening officer)',
		delegationId: null,
		role: 'secretariat'
	},
	{
		id: 'p-sec',
		email: 'secretariat@itu.demo',
		name: 'Conference secretariat',
		delegationId: null,
		role: 'secretariat'
	},
	// Member States: heads of delegation (and a second delegate for the first six)
	{
		id: 'p-fra-head',
		email: 'fra.head@wtpf.demo',
		name: 'Claire Dubois',
		delegationId: 'FRA',
		role: 'head'
	},
	{
		id: 'p-fra-delegate',
		email: 'fra.delegate@wtpf.demo',
		name: 'Julien Moreau',
		delegationId: 'FRA',
		role: 'delegate'
	},
	{
		id: 'p-bra-head',
		email: 'bra.head@wtpf.demo',
		name: 'Mariana Albuquerque',
		delegationId: 'BRA',
		role: 'head'
	},
	{
		id: 'p-bra-delegate',
		email: 'bra.delegate@wtpf.demo',
		name: 'Rafael Tavares',
		delegationId: 'BRA',
		role: 'delegate'
	},
	{
		id: 'p-ken-head',
		email: 'ken.head@wtpf.demo',
		name: 'Wanjiru Kamau',
		delegationId: 'KEN',
		role: 'head'
	},
	{
		id: 'p-ken-delegate',
		email: 'ken.delegate@wtpf.demo',
		name: 'Otieno Odhiambo',
		delegationId: 'KEN',
		role: 'delegate'
	},
	{
		id: 'p-chn-head',
		email: 'chn.head@wtpf.demo',
		name: 'Li Wei',
		delegationId: 'CHN',
		role: 'head'
	},
	{
		id: 'p-chn-delegate',
		email: 'chn.delegate@wtpf.demo',
		name: 'Zhang Xiaoling',
		delegationId: 'CHN',
		role: 'delegate'
	},
	{
		id: 'p-egy-head',
		email: 'egy.head@wtpf.demo',
		name: 'Hoda El-Sayed',
		delegationId: 'EGY',
		role: 'head'
	},
	{
		id: 'p-egy-delegate',
		email: 'egy.delegate@wtpf.demo',
		name: 'Karim Mansour',
		delegationId: 'EGY',
		role: 'delegate'
	},
	{
		id: 'p-sau-head',
		email: 'sau.head@wtpf.demo',
		name: 'Faisal Al-Qahtani',
		delegationId: 'SAU',
		role: 'head'
	},
	{
		id: 'p-sau-delegate',
		email: 'sau.delegate@wtpf.demo',
		name: 'Nouf Al-Harbi',
		delegationId: 'SAU',
		role: 'delegate'
	},
	{
		id: 'p-rus-head',
		email: 'rus.head@wtpf.demo',
		name: 'Elena Sokolova',
		delegationId: 'RUS',
		role: 'head'
	},
	{
		id: 'p-arg-head',
		email: 'arg.head@wtpf.demo',
		name: 'Martín Gutiérrez',
		delegationId: 'ARG',
		role: 'head'
	},
	{
		id: 'p-mex-head',
		email: 'mex.head@wtpf.demo',
		name: 'Gabriela Hernández',
		delegationId: 'MEX',
		role: 'head'
	},
	{
		id: 'p-ind-head',
		email: 'ind.head@wtpf.demo',
		name: 'Rajesh Iyer',
		delegationId: 'IND',
		role: 'head'
	},
	{
		id: 'p-jpn-head',
		email: 'jpn.head@wtpf.demo',
		name: 'Yuko Tanaka',
		delegationId: 'JPN',
		role: 'head'
	},
	{
		id: 'p-usa-head',
		email: 'usa.head@wtpf.demo',
		name: 'Jennifer Collins',
		delegationId: 'USA',
		role: 'head'
	},
	{
		id: 'p-deu-head',
		email: 'deu.head@wtpf.demo',
		name: 'Matthias Becker',
		delegationId: 'DEU',
		role: 'head'
	},
	{
		id: 'p-che-head',
		email: 'che.head@wtpf.demo',
		name: 'Anne-Laure Favre',
		delegationId: 'CHE',
		role: 'head'
	},
	{
		id: 'p-nga-head',
		email: 'nga.head@wtpf.demo',
		name: 'Chinedu Okafor',
		delegationId: 'NGA',
		role: 'head'
	},
	{
		id: 'p-zaf-head',
		email: 'zaf.head@wtpf.demo',
		name: 'Thandiwe Nkosi',
		delegationId: 'ZAF',
		role: 'head'
	},
	{
		id: 'p-gbr-head',
		email: 'gbr.head@wtpf.demo',
		name: 'Oliver Bennett',
		delegationId: 'GBR',
		role: 'head'
	},
	{
		id: 'p-can-head',
		email: 'can.head@wtpf.demo',
		name: 'Isabelle Tremblay',
		delegationId: 'CAN',
		role: 'head'
	},
	{
		id: 'p-idn-head',
		email: 'idn.head@wtpf.demo',
		name: 'Siti Rahayu',
		delegationId: 'IDN',
		role: 'head'
	},
	{
		id: 'p-kor-head',
		email: 'kor.head@wtpf.demo',
		name: 'Kim Min-jun',
		delegationId: 'KOR',
		role: 'head'
	},
	{
		id: 'p-tur-head',
		email: 'tur.head@wtpf.demo',
		name: 'Ayşe Yılmaz',
		delegationId: 'TUR',
		role: 'head'
	},
	{
		id: 'p-are-head',
		email: 'are.head@wtpf.demo',
		name: 'Mariam Al Mansoori',
		delegationId: 'ARE',
		role: 'head'
	},
	{
		id: 'p-mar-head',
		email: 'mar.head@wtpf.demo',
		name: 'Youssef Benjelloun',
		delegationId: 'MAR',
		role: 'head'
	},
	{
		id: 'p-sen-head',
		email: 'sen.head@wtpf.demo',
		name: 'Amina Diallo',
		delegationId: 'SEN',
		role: 'head'
	},
	{
		id: 'p-col-head',
		email: 'col.head@wtpf.demo',
		name: 'Andrés Restrepo',
		delegationId: 'COL',
		role: 'head'
	},
	{
		id: 'p-kaz-head',
		email: 'kaz.head@wtpf.demo',
		name: 'Aigerim Nurlanovna',
		delegationId: 'KAZ',
		role: 'head'
	},
	{
		id: 'p-aus-head',
		email: 'aus.head@wtpf.demo',
		name: 'Sarah Mitchell',
		delegationId: 'AUS',
		role: 'head'
	},
	{
		id: 'p-vnm-head',
		email: 'vnm.head@wtpf.demo',
		name: 'Nguyễn Thị Lan',
		delegationId: 'VNM',
		role: 'head'
	},
	// Sector Members
	{
		id: 'p-sm-ericsson',
		email: 'sm-ericsson@wtpf.demo',
		name: 'Erik Lindqvist',
		delegationId: 'SM-ERICSSON',
		role: 'delegate'
	},
	{
		id: 'p-sm-orange',
		email: 'sm-orange@wtpf.demo',
		name: 'Sophie Lambert',
		delegationId: 'SM-ORANGE',
		role: 'delegate'
	},
	{
		id: 'p-sm-gsma',
		email: 'sm-gsma@wtpf.demo',
		name: 'Daniel Okonkwo',
		delegationId: 'SM-GSMA',
		role: 'delegate'
	},
	{
		id: 'p-sm-huawei',
		email: 'sm-huawei@wtpf.demo',
		name: 'Chen Jing',
		delegationId: 'SM-HUAWEI',
		role: 'delegate'
	},
	{
		id: 'p-sm-nokia',
		email: 'sm-nokia@wtpf.demo',
		name: 'Aino Virtanen',
		delegationId: 'SM-NOKIA',
		role: 'delegate'
	},
	{
		id: 'p-sm-ses',
		email: 'sm-ses@wtpf.demo',
		name: 'Luc Weber',
		delegationId: 'SM-SES',
		role: 'delegate'
	},
	// Associates
	{
		id: 'p-as-afrinic',
		email: 'as-afrinic@wtpf.demo',
		name: 'Fatoumata Traoré',
		delegationId: 'AS-AFRINIC',
		role: 'delegate'
	},
	{
		id: 'p-as-ixpn',
		email: 'as-ixpn@wtpf.demo',
		name: 'Adebayo Adeyemi',
		delegationId: 'AS-IXPN',
		role: 'delegate'
	},
	// Academia
	{
		id: 'p-ac-epfl',
		email: 'ac-epfl@wtpf.demo',
		name: 'Prof. Marco Bernasconi',
		delegationId: 'AC-EPFL',
		role: 'delegate'
	},
	{
		id: 'p-ac-strathmore',
		email: 'ac-strathmore@wtpf.demo',
		name: 'Dr Njeri Mwangi',
		delegationId: 'AC-STRATHMORE',
		role: 'delegate'
	},
	// Observers
	{
		id: 'p-ob-pse',
		email: 'ob-pse@wtpf.demo',
		name: 'Rania Khalil',
		delegationId: 'OB-PSE',
		role: 'delegate'
	},
	{
		id: 'p-ob-un',
		email: 'ob-un@wtpf.demo',
		name: 'Maria Fernanda Costa',
		delegationId: 'OB-UN',
		role: 'delegate'
	},
	{
		id: 'p-ob-au',
		email: 'ob-au@wtpf.demo',
		name: 'Kwame Mensah',
		delegationId: 'OB-AU',
		role: 'delegate'
	}
];

export const DEMO_REPORT_SECTIONS: { number: string; title: string; text: string }[] = [
	{
		number: '1',
		title: 'Introduction',
		text: [
			'This report is submitted in accordance with Resolution 2 (Rev. Bucharest, 2022) of the Plenipotentiary Conference and with the decision of the Council convening the sixth World Telecommunication/ICT Policy Forum. It is intended to serve as the sole basis for the discussions of the Forum and for the draft opinions that the Forum may adopt.',
			'The report was prepared through an open process. A first draft was made available to the membership, and comments received from Member States, Sector Members, Associates and Academia were reflected in successive versions. An informal group of experts met on several occasions to examine those comments and to prepare the five draft opinions annexed to this report.',
			'The overall theme of the Forum is "Accelerating an inclusive, sustainable, resilient and innovative digital future". Sections 2 to 6 address, in turn, the five sub-themes identified by the Council. Each section summarizes recent developments, identifies the main policy issues and outlines questions on which the exchange of views among the membership may be of particular value.'
		].join('\n\n')
	},
	{
		number: '2',
		title: 'Digital divides: gender, generations, skills and connectivity',
		text: [
			'Despite steady progress in network coverage, a significant share of the world population remains offline, and the gap between coverage and actual use persists. Those who are not connected are disproportionately women, older persons, persons with disabilities, and people living in rural areas and in least developed countries.',
			'Access alone does not ensure meaningful use. Affordability of devices and services, relevant local content in local languages, and basic and advanced digital skills determine whether individuals are able to benefit from connectivity. Several administrations have reported that targeted skills programmes, in particular for women and girls and for older persons, have increased adoption more than infrastructure measures alone.',
			'The membership may wish to exchange views on the indicators best suited to measure meaningful connectivity, on the role of universal service mechanisms in addressing demand-side barriers, and on cooperation to scale up digital skills initiatives.'
		].join('\n\n')
	},
	{
		number: '3',
		title: 'Green digital transformation: climate and environmental sustainability',
		text: [
			'Telecommunications/ICTs can contribute substantially to the reduction of greenhouse gas emissions in other sectors, for instance through smart grids, efficient transport and remote services. At the same time, the sector itself consumes a growing amount of energy and generates an increasing volume of electronic waste, of which only a limited share is formally collected and recycled.',
			'Operators and manufacturers have announced commitments to reduce their emissions, and methodologies for assessing the environmental impact of ICT goods, networks and services are available in ITU-T Recommendations. Their application nevertheless remains uneven, and developing countries often lack the data and the capacity needed to design environmental policies for the sector.',
			'The Forum may consider how policy makers and regulators can encourage energy efficiency, circular economy practices and the use of ICTs for climate monitoring and early warning, while avoiding measures that would slow the extension of connectivity.'
		].join('\n\n')
	},
	{
		number: '4',
		title: 'Resilience of telecommunications/ICTs',
		text: [
			'Societies depend on telecommunication/ICT networks for essential services, emergency communications and economic activity. Natural disasters, extreme weather events, damage to submarine cables, power outages and cyber incidents have shown that disruption of these networks can have wide and lasting effects.',
			'Resilience requires action at several levels: network design with redundancy and route diversity, business continuity and emergency telecommunication plans, clear arrangements between operators and public authorities, and regional and international cooperation for the protection and timely repair of critical infrastructure.',
			'Members may wish to share experience on national emergency telecommunication plans, on regulatory measures that encourage redundancy without imposing disproportionate costs, and on the role of ITU in supporting developing countries, in particular small island developing States and landlocked developing countries.'
		].join('\n\n')
	},
	{
		number: '5',
		title: 'Space connectivity',
		text: [
			'The rapid deployment of satellite systems, including large non-geostationary constellations, is opening new possibilities for connecting remote and underserved areas, for backhaul, and for emergency communications. Direct-to-device services and the integration of satellite and terrestrial networks are also developing quickly.',
			'These developments raise policy questions concerning equitable access to orbital and spectrum resources, the licensing and landing rights of satellite services, affordability for end users, and the long-term sustainability of the space environment. The international regulatory framework established by the Radio Regulations remains the basis for the rational, efficient and economical use of these resources.',
			'The Forum may wish to discuss how national policies can facilitate the contribution of space-based services to universal connectivity, and how capacity building may help developing countries participate fully in the space economy.'
		].join('\n\n')
	},
	{
		number: '6',
		title: 'ICT-centric innovation ecosystems and entrepreneurship',
		text: [
			'Innovation ecosystems built around telecommunications/ICTs bring together entrepreneurs, small and medium-sized enterprises, investors, academia and public authorities. Where such ecosystems flourish, they create employment, support the digital transformation of other sectors and help retain talent locally.',
			'Many countries have adopted national strategies that combine access to finance, regulatory sandboxes, incubation programmes and support for research and development. The experience gathered through these initiatives shows that coordination between institutions and a stable and predictable policy environment are important conditions for success.',
			'Members are invited to consider which policy instruments have proved most effective, how public procurement and open data can support young enterprises, and how international cooperation, including through ITU, can foster the exchange of good practices among ecosystems at different stages of maturity.'
		].join('\n\n')
	}
];

export const DEMO_OPINIONS: {
	number: number;
	title: string;
	titleTranslations: Translations;
	illustrative: true;
	paragraphs: Omit<OpinionParagraph, 'id'>[];
}[] = [
	{
		number: 1,
		title: 'Bridging digital divides through meaningful connectivity, digital skills and inclusion',
		titleTranslations: {
			fr: "Réduire les fractures numériques grâce à une connectivité utile, aux compétences numériques et à l'inclusion",
			es: 'Reducir las brechas digitales mediante una conectividad significativa, las competencias digitales y la inclusión',
			ar: 'سد الفجوات الرقمية من خلال التوصيلية المجدية والمهارات الرقمية والشمول',
			zh: '通过有意义的连通性、数字技能和包容性弥合数字鸿沟',
			ru: 'Преодоление цифрового разрыва посредством значимого подключения, цифровых навыков и инклюзивности'
		},
		illustrative: true,
		paragraphs: [
			{
				kind: 'preambular',
				text: 'recognizing that a significant part of the world population does not yet use the Internet, and that women, older persons, persons with disabilities and people living in rural and remote areas are disproportionately affected;',
				translations: {
					fr: "reconnaissant qu'une part importante de la population mondiale n'utilise pas encore l'Internet, et que les femmes, les personnes âgées, les personnes handicapées et les habitants des zones rurales et isolées sont touchés de manière disproportionnée ;"
				}
			},
			{
				kind: 'preambular',
				text: 'considering that affordability, digital skills and relevant local content are as important as network coverage in enabling meaningful use of telecommunications/ICTs;',
				translations: {
					fr: "considérant que l'accessibilité financière, les compétences numériques et des contenus locaux pertinents sont aussi importants que la couverture des réseaux pour permettre une utilisation utile des télécommunications/TIC ;"
				}
			},
			{
				kind: 'preambular',
				text: 'noting the work of ITU on indicators of meaningful connectivity and on digital skills;',
				translations: {
					fr: "notant les travaux de l'UIT sur les indicateurs de connectivité utile et sur les compétences numériques ;"
				}
			},
			{
				kind: 'operative',
				text: 'invites Member States to include measures addressing gender, generational and skills divides in their national digital strategies, and to collect disaggregated data to monitor progress;',
				translations: {
					fr: 'invite les États Membres à inclure dans leurs stratégies numériques nationales des mesures visant à réduire les fractures liées au genre, aux générations et aux compétences, et à recueillir des données ventilées pour suivre les progrès accomplis ;'
				}
			},
			{
				kind: 'operative',
				text: 'encourages Member States and Sector Members to cooperate in programmes that improve the affordability of devices and services for underserved groups;',
				translations: {
					fr: "encourage les États Membres et les Membres de Secteur à coopérer dans le cadre de programmes qui améliorent l'accessibilité financière des appareils et des services pour les groupes mal desservis ;"
				}
			},
			{
				kind: 'operative',
				text: 'requests the Secretary-General to continue to support the exchange of good practices on digital skills and meaningful connectivity, and to report to the Council on the results achieved.',
				translations: {
					fr: "charge le Secrétaire général de continuer à soutenir l'échange de bonnes pratiques en matière de compétences numériques et de connectivité utile, et de faire rapport au Conseil sur les résultats obtenus."
				}
			}
		]
	},
	{
		number: 2,
		title: 'Harnessing telecommunications/ICTs for a green digital transformation',
		titleTranslations: {
			fr: "Mettre les télécommunications/TIC au service d'une transformation numérique verte",
			es: 'Aprovechar las telecomunicaciones/TIC para una transformación digital verde',
			ar: 'تسخير الاتصالات/تكنولوجيا المعلومات والاتصالات من أجل تحول رقمي أخضر',
			zh: '利用电信/信息通信技术实现绿色数字化转型',
			ru: 'Использование электросвязи/ИКТ для зеленой цифровой трансформации'
		},
		illustrative: true,
		paragraphs: [
			{
				kind: 'preambular',
				text: 'recognizing the potential of telecommunications/ICTs to reduce greenhouse gas emissions in other sectors and to support climate monitoring, adaptation and early warning;'
			},
			{
				kind: 'preambular',
				text: 'considering that the energy consumption of networks and data centres and the growing volume of electronic waste call for sustained attention by policy makers and industry;'
			},
			{
				kind: 'operative',
				text: 'invites Member States to take into account the environmental impact of telecommunications/ICTs in their national policies, using internationally recognized assessment methodologies;'
			},
			{
				kind: 'operative',
				text: 'encourages Sector Members to pursue energy efficiency and circular economy practices throughout the life cycle of ICT equipment, and to share information on the results achieved;'
			},
			{
				kind: 'operative',
				text: 'requests the Secretary-General to assist developing countries in building the capacity needed to design and implement policies for a green digital transformation.'
			}
		]
	},
	{
		number: 3,
		title: 'Strengthening the resilience of telecommunication/ICT networks and services',
		titleTranslations: {
			fr: 'Renforcer la résilience des réseaux et services de télécommunication/TIC',
			es: 'Reforzar la resiliencia de las redes y servicios de telecomunicaciones/TIC',
			ar: 'تعزيز قدرة شبكات وخدمات الاتصالات/تكنولوجيا المعلومات والاتصالات على الصمود',
			zh: '增强电信/信息通信技术网络和服务的韧性',
			ru: 'Повышение жизнестойкости сетей и услуг электросвязи/ИКТ'
		},
		illustrative: true,
		paragraphs: [
			{
				kind: 'preambular',
				text: 'recognizing that societies and economies rely increasingly on telecommunication/ICT networks, including for emergency communications and essential services;'
			},
			{
				kind: 'preambular',
				text: 'noting that natural disasters, damage to submarine cables, power outages and cyber incidents may cause widespread and prolonged disruption;'
			},
			{
				kind: 'preambular',
				text: 'considering that small island developing States and landlocked developing countries are particularly exposed to such disruption;'
			},
			{
				kind: 'operative',
				text: 'invites Member States to develop and regularly update national emergency telecommunication plans, in consultation with operators and other stakeholders;'
			},
			{
				kind: 'operative',
				text: 'encourages Member States and Sector Members to promote redundancy and route diversity in networks and to cooperate in the timely repair of critical infrastructure;'
			},
			{
				kind: 'operative',
				text: 'requests the Secretary-General to facilitate the exchange of experience on network resilience and to provide assistance to the countries most exposed to disruption.'
			}
		]
	},
	{
		number: 4,
		title: 'Fostering inclusive and sustainable space connectivity',
		titleTranslations: {
			fr: 'Favoriser une connectivité spatiale inclusive et durable',
			es: 'Fomentar una conectividad espacial inclusiva y sostenible',
			ar: 'تعزيز التوصيلية الفضائية الشاملة والمستدامة',
			zh: '促进包容和可持续的空间连通性',
			ru: 'Содействие инклюзивному и устойчивому космическому подключению'
		},
		illustrative: true,
		paragraphs: [
			{
				kind: 'preambular',
				text: 'recognizing that satellite systems can contribute to connecting remote and underserved areas and to ensuring communications in emergencies;'
			},
			{
				kind: 'preambular',
				text: 'considering that orbital and spectrum resources are limited natural resources that must be used rationally, efficiently, economically and equitably, in conformity with the Radio Regulations;'
			},
			{
				kind: 'operative',
				text: 'invites Member States to consider the contribution of space-based services in their national connectivity plans, and to adopt transparent and predictable authorization procedures;'
			},
			{
				kind: 'operative',
				text: 'encourages satellite operators and other stakeholders to take into account the long-term sustainability of the space environment and the affordability of services for end users;'
			},
			{
				kind: 'operative',
				text: 'requests the Secretary-General to support capacity building to enable developing countries to participate fully in the benefits of space connectivity.'
			}
		]
	},
	{
		number: 5,
		title: 'Nurturing ICT-centric innovation ecosystems and entrepreneurship',
		titleTranslations: {
			fr: "Développer des écosystèmes d'innovation centrés sur les TIC et l'entrepreneuriat",
			es: 'Impulsar ecosistemas de innovación centrados en las TIC y el emprendimiento',
			ar: 'رعاية منظومات الابتكار المتمحورة حول تكنولوجيا المعلومات والاتصالات وريادة الأعمال',
			zh: '培育以信息通信技术为中心的创新生态系统和创业精神',
			ru: 'Развитие инновационных экосистем, ориентированных на ИКТ, и предпринимательства'
		},
		illustrative: true,
		paragraphs: [
			{
				kind: 'preambular',
				text: 'recognizing the role of entrepreneurs, small and medium-sized enterprises, academia and investors in building ICT-centric innovation ecosystems;'
			},
			{
				kind: 'preambular',
				text: 'noting that national strategies combining access to finance, regulatory experimentation and support for research have contributed to the growth of such ecosystems in many countries;'
			},
			{
				kind: 'operative',
				text: 'invites Member States to foster a stable and predictable policy environment that supports innovation and entrepreneurship in the telecommunication/ICT sector;'
			},
			{
				kind: 'operative',
				text: 'encourages Member States, Sector Members, Associates and Academia to cooperate in incubation, mentoring and skills programmes, with particular attention to young people and women entrepreneurs;'
			},
			{
				kind: 'operative',
				text: 'requests the Secretary-General to continue to facilitate the sharing of good practices among innovation ecosystems at different stages of maturity.'
			}
		]
	}
];
